-- found through the ?/init.lua template
return { init = true, args = table.pack(...) }
