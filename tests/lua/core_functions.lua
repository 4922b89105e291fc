-- functions, varargs, closures, recursion
local function va(...) return select('#', ...), ... end
print(va())
print(va(nil, nil))
print(va(1, 2, 3))
print(select(2, "a", "b", "c"), select(-1, "a", "b", "c"))
local function mr() return 1, 2, 3 end
print(mr(), mr())
print((mr()))
local t = {mr(), mr()}
print(#t)
local function count(n) if n == 0 then return 0 end return 1 + count(n - 1) end
print(count(10000))
local function tail(n) if n == 0 then return "done" end return tail(n - 1) end
print(tail(1000000))
local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end
print(deep(190000))
local ok, msg = pcall(function() local function inf(n) return 1 + inf(n) end return inf(1) end)
print(ok, type(msg))
local function counter()
  local c = 0
  return function() c = c + 1 return c end, function() return c end
end
local inc, get = counter()
inc(); inc()
print(get())
local a, b, c = (function() return 1, 2 end)()
print(a, b, c)
local x, y = 1
print(x, y)
local p, q = 1, 2, 3
print(p, q)
local i = 1
local arr = {}
i, arr[i] = i + 1, 20
print(i, arr[1], arr[2])
local obj = {name = "obj"}
function obj:greet(g) return g .. ", " .. self.name end
print(obj:greet("hi"), obj.greet(obj, "yo"))
local function varsum(...)
  local s = 0
  for _, v in ipairs({...}) do s = s + v end
  return s
end
print(varsum(1, 2, 3, 4))
print(pcall(select, 0))
