-- A first Moonlet program: closures, coroutines, metatables and 64-bit integers.
local function counter()
  local n = 0
  return function() n = n + 1; return n end
end
local c = counter()
c(); c()
print("hello from " .. _VERSION, "counter:", c())

local gen = coroutine.wrap(function()
  for i = 1, 3 do coroutine.yield(i * i) end
end)
print("squares:", gen(), gen(), gen())

local Vec = {}
Vec.__index = Vec
Vec.__add = function(a, b) return setmetatable({x = a.x + b.x, y = a.y + b.y}, Vec) end
Vec.__tostring = function(v) return "(" .. v.x .. ", " .. v.y .. ")" end
local v = setmetatable({x = 1, y = 2}, Vec) + setmetatable({x = 10, y = 20}, Vec)
print("vector:", tostring(v))

print("integers wrap:", math.maxinteger + 1 == math.mininteger, 1 // 1, 7 / 2, 2^53)
