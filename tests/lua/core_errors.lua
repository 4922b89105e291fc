-- errors and messages
print(pcall(error, "msg"))
print(pcall(error, "msg", 0))
print(type(select(2, pcall(error, {code = 1}))))
print(select(2, pcall(error, setmetatable({}, {__tostring = function() return "custom" end}))) ~= nil)
local function lvl1() error("at level 1", 1) end
local function lvl2() error("at level 2", 2) end
print(pcall(lvl1))
print(pcall(lvl2))
print(pcall(function() foo() end))
print(pcall(function() local t = {} t.bar() end))
print(pcall(function() local t = {} t:method() end))
print(pcall(function() local t = nil; return t.x end))
print(pcall(function() local t = {}; return t.a.b end))
local up = nil
print(pcall(function() return up.x end))
print(pcall(function() local n; return n + 1 end))
print(pcall(function() return 1 < nil end))
print(pcall(function() return {} < {} end))
print(pcall(function() return "a" < 1 end))
print(pcall(function() local s; return "x" .. s end))
print(pcall(function() local b = true; return #b end))
print(pcall(function() undefinedglobal.field = 1 end))
print(pcall(function() return math.nofunc() end))
print(xpcall(function() error("boom") end, function(m) return "handled: " .. m end))
print(xpcall(function(a, b) return a + b end, print, 3, 4))
print(pcall(pcall))
print(select('#', pcall(error)))
local ok, e = pcall(function() error() end)
print(ok, e)
print(pcall(function() local x <close> = 42 end))
do
  local order = {}
  local ok, err = pcall(function()
    local a <close> = setmetatable({}, {__close = function(_, e) order[#order + 1] = "a:" .. tostring(e) end})
    local b <close> = setmetatable({}, {__close = function(_, e) order[#order + 1] = "b" end})
    error("inner", 0)
  end)
  print(ok, err, order[1], order[2])
end
do
  local closed = {}
  for i = 1, 2 do
    local c <close> = setmetatable({}, {__close = function() closed[#closed + 1] = i end})
    if i == 2 then break end
  end
  print(closed[1], closed[2])
end
print(pcall(setmetatable, 1, {}))
