-- coroutines
local co = coroutine.create(function(a, b)
  print("start", a, b)
  local c = coroutine.yield(a + b)
  print("got", c)
  local d, e = coroutine.yield(c * 2)
  return d + e
end)
print(coroutine.status(co))
print(coroutine.resume(co, 1, 2))
print(coroutine.status(co))
print(coroutine.resume(co, 10))
print(coroutine.resume(co, 3, 4))
print(coroutine.status(co))
print(coroutine.resume(co))
local gen = coroutine.wrap(function() for i = 1, 3 do coroutine.yield(i) end end)
print(gen(), gen(), gen())
print(coroutine.isyieldable(), type(coroutine.running()))
print(select(2, coroutine.running()))
local inside = coroutine.wrap(function() return coroutine.isyieldable(), select(2, coroutine.running()) end)
print(inside())
local pc = coroutine.create(function()
  local ok, v = pcall(function() local x = coroutine.yield("in pcall") error("after " .. x) end)
  coroutine.yield(ok, v)
  return "end"
end)
print(coroutine.resume(pc))
print(coroutine.resume(pc, "resume"))
print(coroutine.resume(pc))
local mt = {__index = function(t, k) return coroutine.yield("index " .. k) end,
  __add = function(a, b) return coroutine.yield("add") end,
  __lt = function(a, b) return coroutine.yield("lt") end,
  __concat = function(a, b) return coroutine.yield("concat") end}
local mc = coroutine.wrap(function()
  local o = setmetatable({}, mt)
  local v = o.foo
  local s = o + 1
  local l = o < o
  local c = o .. "x"
  return v, s, l, c
end)
print(mc()) print(mc("V")) print(mc("S")) print(mc(true)) print(mc("C"))
local function range(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end
local sum = 0
for i in range(10) do sum = sum + i end
print(sum)
local err = coroutine.create(function() error("oops") end)
print(coroutine.resume(err))
print(coroutine.resume(err))
print(coroutine.status(err))
print(pcall(coroutine.yield, 1))
local w = coroutine.wrap(function() error("wrapped", 0) end)
print(pcall(w))
local cl = coroutine.create(function()
  local x <close> = setmetatable({}, {__close = function() print("closed by close") end})
  coroutine.yield()
end)
coroutine.resume(cl)
print(coroutine.close(cl), coroutine.status(cl))
print(coroutine.close(coroutine.create(print)))
local dead = coroutine.wrap(function() end)
dead()
print(pcall(dead))
print(coroutine.resume(coroutine.running()))
