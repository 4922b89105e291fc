local a = require("cyc_a")
return { name = "cyc_b", a_name = a.name }
