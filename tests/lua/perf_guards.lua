-- Guards of the quickened and cached paths (inline caches keyed by table shapes, fast
-- arithmetic paths, the array part sizing): every check here makes a guard fail mid-loop.

-- 1. operand types change at the same instruction
local function add(a, b) return a + b end
local function mul(a, b) return a * b end
local function lt(a, b) return a < b end
local vals = { 1, 2, 2^31, 2^53, 1.5, -0.0, math.maxinteger, math.mininteger, "10", "0x10", 3.0 }
for _, x in ipairs(vals) do
  for _, y in ipairs(vals) do
    local ok1, r1 = pcall(add, x, y)
    local ok2, r2 = pcall(mul, x, y)
    print(r1, math.type(r1) or type(r1), r2, math.type(r2) or type(r2))
  end
end
local V = setmetatable({}, { __add = function(a, b) return "V+" end, __mul = function() return "V*" end,
  __lt = function() return true end })
print(add(V, 1), add(1, V), mul(V, 2), mul(2, V), lt(V, 1), lt(1, V))
local acc = 0
for i = 1, 30 do
  local x = i
  if i > 10 then x = i + 0.5 end
  if i > 20 then x = tostring(i) end
  acc = acc + x * 2 - x % 7
end
print("acc", acc, math.type(acc))
print(pcall(add, 1, {}))
print(pcall(mul, "a", 1))
print(3 % -2, -3 % 2, 5.5 % 2, 7 // 2, 7.0 // 2, 2^63 % 2, math.mininteger % -1)
print(46341 * 46341, 65536 * 65536, 2147483647 + 1, -2147483648 - 1, 3037000499 * 3037000499)
print(0 * -1, math.type(0 * -1), 1 / (0 * -1), 0.0 * -1)

-- 2. field access: shapes change, fields deleted, dictionary mode
local function getx(o) return o.x end
local objs = { {x = 1}, {x = 2, y = 3}, {y = 4, x = 5}, {}, setmetatable({}, {__index = {x = 6}}),
  setmetatable({}, {__index = function(t, k) return k .. "!" end}) }
for round = 1, 3 do
  local line = {}
  for _, o in ipairs(objs) do line[#line + 1] = tostring(getx(o)) end
  print(table.concat(line, " "))
  objs[2].x = nil -- deleted: the cached slot now holds nil
  objs[4].x = round -- added: a new shape
end
local big = {}
for i = 1, 100 do big["k" .. i] = i end -- more keys than a shared shape holds
local function getk50(t) return t.k50 end
print(getk50(big))
big.k50 = nil
print(getk50(big))
for i = 1, 100, 2 do big["k" .. i] = nil end -- many tombstones, then new keys compact
for i = 101, 140 do big["k" .. i] = i end
big.k50 = "back"
local n, sum = 0, 0
for k, v in pairs(big) do n = n + 1; if type(v) == "number" then sum = sum + v end end
print(n, sum, getk50(big), big.k100, big.k99, big.k140)
-- a field set to nil during a traversal, then reassigned
local t = { a = 1, b = 2, c = 3, d = 4 }
for k in pairs(t) do t[k] = nil end
print(next(t))
t.b = 5
print(t.a, t.b)

-- 3. method calls: metatable swapped, method redefined, __index changed
local A = {}; A.__index = A
function A:name() return "A" end
local B = setmetatable({}, {__index = A}); B.__index = B
function B:name() return "B" end
local obj = setmetatable({}, A)
local out = {}
for i = 1, 12 do
  if i == 3 then setmetatable(obj, B) end
  if i == 5 then function B:name() return "B2" end end
  if i == 7 then B.name = nil end -- falls through to A via B's metatable
  if i == 9 then obj.name = function() return "own" end end
  if i == 10 then obj.name = nil end
  if i == 11 then getmetatable(obj).__index = function(_, k) return function() return "fn:" .. k end end end
  out[#out + 1] = obj:name()
end
print(table.concat(out, " "))
-- __newindex appears after SETFIELD was cached
local log = {}
local proxy = {}
local function setv(o, v) o.v = v end
setv(proxy, 1); setv(proxy, 2)
proxy.v = nil
setmetatable(proxy, { __newindex = function(t, k, v) log[#log + 1] = k .. "=" .. tostring(v) end })
setv(proxy, 3)
print(proxy.v, table.concat(log, ","))
-- constructors: the same SETFIELD sequence from different starting shapes
local function mk(t) t.p = 1; t.q = 2; return t end
local a1, a2, a3 = mk({}), mk({q = 0}), mk(setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v * 10) end}))
print(a1.p, a1.q, a2.p, a2.q, a3.p, a3.q)

-- 4. globals reassigned and deleted
local function useg() return G1 end
G1 = 1
local gs = {}
for i = 1, 6 do
  if i == 3 then G1 = "two" end
  if i == 4 then G1 = nil end
  if i == 5 then setmetatable(_G, {__index = function(_, k) return "meta:" .. k end}) end
  gs[#gs + 1] = tostring(useg())
end
setmetatable(_G, nil)
print(table.concat(gs, " "))
local realprint = print
print = function(...) realprint("wrapped", ...) end
print("x")
print = realprint

-- 5. array part: filled in other orders, holes, shrinking
local function border(t) return #t end
local r = {}
for i = 10, 1, -1 do r[i] = i end
print(border(r), r[1], r[10])
local s = {}
for i = 2, 20 do s[i] = true end
print(border(s) == 0 or border(s) == 20, s[1], s[2], s[20])
s[1] = true
print(#s)
local sparse = {}
for i = 1, 10 do sparse[i * 1000] = i end
local cnt = 0
for k, v in pairs(sparse) do cnt = cnt + k * v end
print(cnt, sparse[5000], #sparse)
local q = {1, 2, 3, 4, 5}
q[5] = nil; q[4] = nil
print(#q)
q[4] = 4
print(#q, select("#", table.unpack(q)))
local mixed = {}
for i = 1, 8 do mixed[i] = i; mixed[-i] = -i; mixed[i + 0.5] = i end
local c2, s2 = 0, 0
for k, v in pairs(mixed) do c2 = c2 + 1; s2 = s2 + v end
print(#mixed, c2, s2, mixed[2.0], mixed[2.5], mixed[-3])
local ip = {}
for i = 1, 5 do ip[i] = i * i end
ip[3] = nil
local seen = {}
for i, v in ipairs(ip) do seen[#seen + 1] = v end
print(table.concat(seen, ","))

-- 6. constant on the left of + and * (ADDKL/MULKL)
local x, f = 3, 2.5
print(2 * x, 2 * f, 0.5 + x, 1 + x, 2^53 * x, math.maxinteger + 0 * x, 1.5 * 2, 2 * 2^62)
print(2 * math.maxinteger, 1 + math.maxinteger, -0.0 * x, 0 * -x, 2 * "3", 1 + "0x10")
local mt = {__add = function(a, b) return "add(" .. tostring(a) .. "," .. tostring(type(b)) .. ")" end,
  __mul = function(a, b) return "mul(" .. tostring(a) .. "," .. type(b) .. ")" end}
local o = setmetatable({}, mt)
print(1 + o, 2 * o, 1.5 + o, type(o + 1))
local y
print(pcall(function() return 2 * y end))
print(pcall(function() return 1 + {} end))
print(pcall(function() local t = {} return 3 * t.field end))
print(pcall(function() return 2 * "x" end))

-- 7. pairs/ipairs loops run their iterators inline for plain tables
local arr = {10, 20, 30, nil, 50}
local acc7 = {}
for i, v in ipairs(arr) do acc7[#acc7 + 1] = i .. "=" .. v end
print(table.concat(acc7, " "))
local proxied = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 100 end end})
acc7 = {}
for i, v in ipairs(proxied) do acc7[#acc7 + 1] = i .. "=" .. v end
print(table.concat(acc7, " "))
local cnt7, keys7 = 0, {}
local h = {a = 1, b = 2, c = 3, 4, 5}
for k, v in pairs(h) do cnt7 = cnt7 + v; h[k] = nil end
print(cnt7, next(h))
for k in pairs({x = 1}) do print("one var", k) end
for k, v, extra in pairs({7}) do print("three vars", k, v, extra) end
for i, v, extra in ipairs({8}) do print("three vars", i, v, extra) end
print(pcall(function() for k in pairs({a = 1}) do end; local t = {a = 1}; return next(t, "zz") end))
local withpairs = setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, "p" end end, t, nil end})
for k, v in pairs(withpairs) do print("__pairs", k, v) end
local realipairs, realpairs = ipairs, pairs
ipairs = function(t) return function(_, i) if i < 2 then return i + 1, "mine" end end, t, 0 end
for i, v in ipairs({1, 2, 3}) do print("redefined ipairs", i, v) end
ipairs = realipairs
pairs = function(t) return next, {z = 26}, nil end
for k, v in pairs({1}) do print("redefined pairs", k, v) end
pairs = realpairs
local grow = {1, 2, 3}
acc7 = {}
for i, v in ipairs(grow) do acc7[#acc7 + 1] = v; if i == 3 then grow[4] = 4 end; if i == 4 then grow[5] = nil end end
print(table.concat(acc7, ","))
