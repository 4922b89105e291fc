-- a cycle broken by registering the module before requiring the other one
local M = { name = "cyc_a" }
package.loaded[...] = M
M.b = require("cyc_b")
return M
