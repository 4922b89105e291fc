-- Guards of the table fast paths: the array part read inline in GETTABLE/GETI/SETTABLE/SETI,
-- the two-way (polymorphic) inline caches of GETFIELD/SELF/SETFIELD/GETTABUP, nil fields of
-- constructors kept as tombstones, array parts that hold floats. Every check makes a guard
-- fail mid-loop or uses a key that must not take the fast path.

local function sortedkeys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  table.sort(ks, function(a, b)
    if type(a) == type(b) and type(a) ~= "table" and type(a) ~= "boolean" then return a < b end
    return type(a) < type(b)
  end)
  return ks
end
local function dump(t)
  local out = {}
  for _, k in ipairs(sortedkeys(t)) do out[#out + 1] = tostring(k) .. "=" .. tostring(t[k]) end
  return "{" .. table.concat(out, ",") .. "}"
end

-- 1. integer keys read/written at one instruction: array part, hash part, 0, negative, floats
local function get(t, k) return t[k] end
local function set(t, k, v) t[k] = v end
local a = {10, 20, 30}
local keys = {1, 2, 3, 4, 0, -1, 1.0, 2.0, 3.5, -0.0, 2^53, 2^53 + 1.0, math.maxinteger,
  math.mininteger, 1e300, "1", 2^31, 2^32, 2^32 + 1, -2^32}
for _, k in ipairs(keys) do set(a, k, tostring(k)) end
for _, k in ipairs(keys) do io.write(tostring(get(a, k)), " ") end
print()
print(#a, a[1], a[1.0], a[0], a[-0.0], a[2^53], math.type(next({[2^53] = 1})))
print(rawlen(a), select("#", table.unpack(a)))
-- GETI with constant keys, including 0 and a key beyond the array part
local g = {[0] = "zero", "one", "two"}
local out = {}
for i = 1, 3 do
  out[#out + 1] = tostring(g[0]) .. tostring(g[1]) .. tostring(g[2]) .. tostring(g[3]) .. tostring(g[200])
  g[3] = "three"; g[200] = "x"; g[0] = nil
end
print(table.concat(out, " "))

-- 2. metatables added after the loops warmed up; __index/__newindex on array-part misses
local log = {}
local t = {1, 2, nil, 4}
local function readall(t, n)
  local r = {}
  for i = 1, n do r[#r + 1] = tostring(t[i]) end
  return table.concat(r, ",")
end
local function writeall(t, n)
  for i = 1, n do t[i] = i * 10 end
end
for _ = 1, 50 do readall(t, 6) end
print(readall(t, 6))
setmetatable(t, {__index = function(_, k) return "idx" .. k end,
  __newindex = function(tt, k, v) log[#log + 1] = k; rawset(tt, k, v + 1) end})
print(readall(t, 6))
writeall(t, 6)
print(readall(t, 6), table.concat(log, ","))
t[2] = nil -- existing key: raw store, no __newindex
print(readall(t, 4), #log)
t[2] = 5 -- now absent: __newindex
print(readall(t, 4), table.concat(log, ","))
-- __index table on an array miss
local base = {"b1", "b2", "b3", "b4"}
local d = setmetatable({"d1"}, {__index = base})
print(readall(d, 5))
d[3] = "d3"
print(readall(d, 5))

-- 3. arrays that become sparse, holes, shrink and grow during loops; # against the reference
local s = {}
for i = 1, 100 do s[i] = i end
for i = 100, 1, -1 do
  if i % 3 == 0 then s[i] = nil end
end
local n = #s -- any border is valid; the reference and Moonlet pick different ones
print(n == 0 or s[n] ~= nil, s[n + 1] == nil, s[99], s[100], s[3])
local c = {}
for i = 1, 20 do c[i] = i end
for i = 20, 1, -1 do c[i] = nil; if i % 5 == 0 then io.write(#c, " ") end end
print(#c, next(c))
local grow = {}
for i = 1, 40 do
  grow[#grow + 1] = i
  if i % 4 == 0 then grow[#grow] = nil end
end
print(#grow, grow[#grow], grow[4], grow[5])
local rev = {}
for i = 64, 1, -1 do rev[i] = i * 2 end
print(#rev, rev[1], rev[64], rev[65])
local h = {}
h[1] = 1; h[2] = 2; h[4] = 4
print((#h == 4 or #h == 2), h[3])

-- 4. float values in the array part (boxed or not), integral floats, -0.0, NaN
local f = {}
for i = 1, 10 do f[i] = i + 0.5 end
f[5] = 5.0; f[6] = -0.0; f[7] = 0/0; f[8] = 2^63; f[9] = 1
local parts = {}
for i = 1, 10 do parts[#parts + 1] = string.format("%s:%s", tostring(f[i]), math.type(f[i])) end
print(table.concat(parts, " "))
print(1 / f[6], f[7] ~= f[7])
print(pcall(function() local x = {}; x[0/0] = 1 end))
print(pcall(function() local x = {}; x[nil] = 1 end))
print(({})[0/0], rawget({}, 0/0))
local fk = {}
fk[1.0] = "a"; fk[2] = "b"; fk[3.0] = "c"; fk[-0.0] = "z"
print(#fk, fk[1], fk[2.0], fk[3], fk[0], math.type(next(fk)))

-- 5. polymorphic field sites: 2, 3 and 4 shapes rotating through one instruction
local function getx(o) return o.x end
local function setx(o, v) o.x = v end
local shapes = { {x = 1}, {y = 0, x = 2}, {z = 0, y = 0, x = 3}, {w = 0, x = 4}, {} }
for round = 1, 4 do
  local sum = 0
  for j = 1, round + 1 do
    local o = shapes[j]
    for _ = 1, 20 do sum = sum + (getx(o) or 100); setx(o, (getx(o) or 0) + 1) end
  end
  print("round", round, sum)
end
-- a field deleted from one of the cached shapes (tombstone) falls back to __index
local P = {x = "proto"}
local o1 = setmetatable({x = 1, y = 2}, {__index = P})
local o2 = setmetatable({y = 2, x = 3}, {__index = P})
local r = {}
for i = 1, 40 do
  local o = (i % 2 == 0) and o1 or o2
  if i == 21 then o1.x = nil end
  if i == 31 then o2.x = nil end
  r[#r + 1] = tostring(getx(o))
end
print(table.concat(r, " "))
-- __newindex appears on one of two cached shapes
local nlog = {}
local q1, q2 = {x = 0}, {a = 1, x = 0}
for i = 1, 30 do
  if i == 15 then
    q1.x = nil
    setmetatable(q1, {__newindex = function(tt, k, v) nlog[#nlog + 1] = v; rawset(tt, k, v) end})
  end
  setx(q1, i); setx(q2, i)
end
print(q1.x, q2.x, table.concat(nlog, ","))
-- transitions: two kinds of objects built at one site
local function mk(kind, v)
  local o = {}
  if kind then o.kind = kind end
  o.x = v
  o.y = v * 2
  return o
end
local built = {}
for i = 1, 12 do built[#built + 1] = mk(i % 3 == 0 and "k" or nil, i) end
local bs = {}
for _, o in ipairs(built) do bs[#bs + 1] = dump(o) end
print(table.concat(bs, " "))

-- 6. methods through __index with several classes at one SELF site
local function class(name, parent)
  local c = setmetatable({}, {__index = parent})
  c.__index = c
  c.name = function() return name end
  return c
end
local A = class("A")
function A:hello() return "A.hello " .. self:name() end
local B = class("B", A)
local C = class("C")
function C:hello() return "C.hello " .. self:name() end
local D = class("D")
function D:hello() return "D.hello" end
local objs = { setmetatable({}, A), setmetatable({v = 1}, B), setmetatable({w = 1, v = 2}, C),
  setmetatable({}, D), setmetatable({hello = function() return "own" end}, A) }
local res = {}
for round = 1, 3 do
  for _, o in ipairs(objs) do res[#res + 1] = o:hello() end
  if round == 2 then
    function C:hello() return "C.redefined" end
    getmetatable(objs[4]).__index = function(_, k) return function() return "fn." .. k end end
  end
end
print(table.concat(res, "|"))

-- 7. nil fields in constructors: absent for pairs, next, rawget, #, __index, __newindex
local function ctor(a, b, c) return {a = a, b = b, c = c} end
local items = { ctor(1, nil, 3), ctor(nil, nil, nil), ctor(1, 2, 3), ctor(nil, 2, nil) }
for _, it in ipairs(items) do
  local n = 0
  for _ in pairs(it) do n = n + 1 end
  io.write(dump(it), " ", n, " ", tostring(rawget(it, "b")), " ", tostring(next(it) ~= nil), "; ")
end
print()
local it = items[1]
setmetatable(it, {__index = function(_, k) return "mt." .. k end,
  __newindex = function(tt, k, v) rawset(tt, k, "new." .. tostring(v)) end})
print(it.a, it.b, it.c)
it.b = 7
print(it.b, dump(it))
local e = items[2]
e.b = "set"
print(dump(e), next(e))
e.b = nil
print(next(e), dump(e))
-- clearing fields during a traversal, assignment to existing fields
local tr = {a = 1, b = 2, c = 3, d = 4, e = nil, f = 6, [1] = 1, [2] = 2, [10] = 10}
local seen = 0
for k, v in pairs(tr) do
  seen = seen + 1
  if type(k) == "string" and k < "d" then tr[k] = nil else tr[k] = v * 2 end
end
print(seen, dump(tr))
-- a global assigned nil and back
G_X = nil
print(G_X, rawget(_G, "G_X"))
G_X = 5
print(G_X)
G_X = nil
for k in pairs(_G) do if k == "G_X" then print("G_X still listed") end end

-- 8. many string keys (dictionary mode) read through GETTABLE with a string register key
local dict = {}
local names = {}
for i = 1, 200 do names[i] = "k" .. i; dict[names[i]] = i end
local sum = 0
for round = 1, 3 do
  for i = 1, 200 do sum = sum + (dict[names[i]] or 0) end
  for i = 1, 200, 7 do dict[names[i]] = nil end
end
print(sum, dict.k1, dict.k2, dict.k200)
for i = 1, 200, 7 do dict[names[i]] = -i end
local cnt, tot = 0, 0
for k, v in pairs(dict) do cnt = cnt + 1; tot = tot + v end
print(cnt, tot)

-- 9. deeper __index chains (class hierarchies) at GETFIELD and SELF sites
local Base = {}
Base.__index = Base
function Base:who() return "base" end
function Base:kind() return "B" end
local Mid = setmetatable({}, Base)
Mid.__index = Mid
function Mid:mid() return "mid" end
local Leaf = setmetatable({}, Mid)
Leaf.__index = Leaf
local leaf = setmetatable({}, Leaf)
local function callwho(o) return o:who() end
local function fieldkind(o) return o.kind end
local seq = {}
for i = 1, 30 do
  if i == 8 then function Mid:who() return "mid.who" end end
  if i == 12 then Mid.who = nil end
  if i == 16 then Base.who = nil; Base.__index = function(_, k) return function() return "fn." .. k end end end
  if i == 20 then Base.__index = Base; Base.who = function() return "base2" end end
  if i == 24 then setmetatable(Base, {__index = {who = function() return "top" end}}); Base.who = nil end
  if i == 27 then getmetatable(Mid).__index = nil end
  local ok, r = pcall(callwho, leaf)
  seq[#seq + 1] = tostring(ok) .. ":" .. tostring(r) .. "/" .. tostring(type(fieldkind(leaf)))
end
print(table.concat(seq, " "))
-- __index that is a string or a userdata-like value at depth 3: the generic path decides
local S2 = setmetatable({}, {__index = "abc"})
local S1 = setmetatable({}, {__index = S2})
local s0 = setmetatable({}, {__index = S1})
print(s0.len == string.len, pcall(function() return s0.x end))
local N2 = setmetatable({}, {__index = 42})
local n0 = setmetatable({}, {__index = setmetatable({}, {__index = N2})})
print(pcall(function() return n0.foo end))
-- a loop of __index tables: the reference's error
local l1, l2 = {}, {}
setmetatable(l1, {__index = l2}); setmetatable(l2, {__index = l1})
local lo = setmetatable({}, {__index = l1})
print(pcall(function() return lo.missing end))
print(pcall(function() return lo:missing() end))

-- 10. new tables share empty parts until their first store: no state may leak between them
local e1, e2, e3 = {}, {}, {}
e1[1] = "a"; e1.x = "b"; e1[true] = "c"; e1[2.5] = "d"
print(e2[1], e2.x, e2[true], e2[2.5], next(e2), #e2, rawlen(e3), next(e3))
local r1 = {}
for _, k in ipairs({6, 5, 4, 3, 2, 8, 7}) do r1[k] = k * 10 end -- hash part first, then rehash
print(dump(r1), #r1 == 0 or #r1 == 8, next({}), #{}, ({nil, nil, 3})[3], #{n = 1})
local e4 = {}
table.insert(e4, "i1"); table.insert(e4, 1, "i0")
print(table.concat(e4, ","), table.remove({}), table.concat({}), select("#", table.unpack({})))
local e5 = {}
e5.a = nil; e5[1] = nil; e5[false] = nil
print(next(e5), #e5, dump(e5))
local e6 = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v .. "!") end})
e6[1] = "n"; e6.f = "m"
print(e6[1], e6.f, dump({}))

-- 11. s:method() through the string metatable's __index caches
local smt = getmetatable("")
local function up(s) return s:upper() end
local function rep2(s) return s:rep(2) end
local sres = {}
for i = 1, 24 do
  if i == 5 then string.shout = function(s) return s .. "!" end end
  if i == 9 then smt.__index = {upper = function() return "UP" end, rep = string.rep} end
  if i == 13 then smt.__index = function(s, k) return function() return k .. "#" .. s end end end
  if i == 17 then smt.__index = string; string.upper = function() return "redef" end end
  if i == 21 then smt.__index = setmetatable({}, {__index = string}) end
  sres[#sres + 1] = up("ab" .. i) .. "," .. rep2("x") .. "," .. tostring(pcall(function() return ("q"):shout() end))
end
print(table.concat(sres, " "))
smt.__index = nil
print(pcall(up, "abc"))
smt.__index = string
