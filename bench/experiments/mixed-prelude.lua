-- A short mixed-feature prelude (about a millisecond): integer and float arithmetic and
-- comparisons, numeric for loops, arrays, hash and string keys, pairs/ipairs, methods through
-- __index, recursion, varargs, tail calls, closures, string building and the string library,
-- coroutines, pcall. It gives an interpreter the wide type feedback a real application has.
-- Used by `node bench/run.js --polluted` (run before each benchmark, in the same process) and by
-- bench/experiments/feedback-pollution.lua. It prints nothing and leaves no globals.
do
local N = 24
local ints, flts, s = 0, 0.5, 0
for i = 1, N do
  ints = ints + i - 1; ints = ints * 3 % 1000003; ints = ints // 2 + (ints & 7) + (ints | 1) - (ints ~ 3)
  ints = (ints << 1) >> 1
  flts = flts + i * 0.25 - 0.125; flts = flts * 1.5 / 2.0; flts = -flts + 2 ^ 0.5
  local z = 0.0; z = z + 1.0; z = z * 2
  if i < N and flts <= 1e308 and i > 0 and i >= 1 and i ~= 0 and i == i and flts < ints then s = s + 1 end
  if 1.5 < flts or flts > 2.5 or ints <= 2.0 then s = s + 1 end
end
for x = 0.5, 3.0, 0.5 do s = s + x end
for x = 10, 1, -3 do s = s + x end
local arr, hash, rec = {}, {}, {x = 1, y = 2.5, name = "p"}
for i = 1, N do arr[i] = i * 2; arr[#arr + 1] = i + 0.5 end
for i = #arr, 1, -1 do local v = arr[i]; arr[i] = v end
for i = 1, N do hash["k" .. i] = i; hash[i * 7919] = i; hash[i + 0.5] = true end
for k, v in pairs(hash) do if hash[k] ~= nil then s = s + 1 end end
for i, v in ipairs(arr) do s = s + v end
for i = 1, N do rec.x = rec.x + rec.y; rec.y = rec.y * 0.5; rec.z = i end
local t2 = {1, 2, 3, n = 3, [10] = "ten", f = function() return 1 end}
s = s + #t2 + t2.n + #"abc"
local Point = {}
Point.__index = Point
function Point.new(x, y) return setmetatable({x = x, y = y}, Point) end
function Point:len() return math.sqrt(self.x * self.x + self.y * self.y) end
function Point:add(o) return Point.new(self.x + o.x, self.y + o.y) end
local Sub = setmetatable({}, {__index = Point}); Sub.__index = Sub
function Sub:len2() return self:len() * 2 end
local p = Point.new(1, 2)
for i = 1, N do p = p:add(Point.new(0.5, i)); s = s + p:len() + setmetatable({x = 1, y = 1}, Sub):len2() end
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local function va(...) local a, b = ... return select('#', ...) + (a or 0) end
local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + n) end
local function mk(n) local c = n return function(d) c = c + d return c end end
local acc = mk(0)
for i = 1, N do s = s + fib(8) + va(i, 2, 3) + va() + tail(5, 0) + acc(i) end
local parts = {}
for i = 1, N do
  local str = "item" .. i .. ":" .. (i * 0.5)
  parts[#parts + 1] = str:sub(2, 4) .. str:byte(1) .. string.format("%d %s %5.2f", i, str, i / 3)
  table.insert(parts, tostring(i) .. tostring(i + 0.25))
  if str:find("1", 1, true) or str:match("%d+") == "7" then s = s + 1 end
  s = s + (tonumber("0x" .. i) or 0) + #(str:gsub("%d", "#")) + #str:rep(2) + #str:upper()
end
s = s + #table.concat(parts, ",") + #table.remove(parts)
local co = coroutine.wrap(function(a) for i = 1, N do a = coroutine.yield(a + i) end return a end)
for i = 1, N do s = s + co(i) end
for i = 1, N do
  local ok, e = pcall(error, "x")
  local ok2, v = pcall(function(a) return a .. "" end, i)
  if ok or not ok2 then s = s + 1 end
end
s = s + math.floor(flts) + math.abs(-3) + math.max(1, 2.5) + math.min(3, 4) + math.huge // 1e308
end
