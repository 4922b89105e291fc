-- a module returning a table; records how often it was loaded
local name, file = ...
print("loading mod_a", name, file, select("#", ...))
LOADS = (LOADS or 0) + 1
local M = { name = name, file = file }
function M.hello(who) return "hello, " .. who end
return M
