-- Guards of the inline built-ins of vm/builtins.ts (math.floor/ceil/abs/sqrt/sin/cos/exp/log/
-- max/min/type, type, select, table.insert(t, v), table.remove) and of the libm fast paths:
-- every kind of argument at one call site, errors, redefined functions, a replaced library
-- table, local aliases of the originals, tables with metamethods.

local function show(...)
  local n = select('#', ...)
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    parts[i] = tostring(v) .. (math.type(v) and (":" .. math.type(v)) or "")
  end
  return n .. "[" .. table.concat(parts, " ") .. "]"
end

-- calls through a CALL instruction (pcall(f, ...) alone calls f from a native)
local function call0(f) return f() end
local function call1(f, a) return f(a) end
local function call2(f, a, b) return f(a, b) end
local function call3(f, a, b, c) return f(a, b, c) end

-- 1. math functions with every kind of argument, in one call site each
local values = { 0, 1, -1, 3, -3, 2.5, -2.5, 3.7, -3.7, 0.5, -0.5, 0.0, -0.0, 1e300, -1e300,
  2^31, -2^31, 2^52 + 0.5, 2^53, -2^53, 2^63, -2^63, math.maxinteger, math.mininteger,
  math.huge, -math.huge, 0/0, -(0/0), "3.7", " 10 ", "0x10", "abc", true, nil, {} }
local nvalues = 35
local fnames = { "floor", "ceil", "abs", "sqrt", "sin", "cos", "exp", "log", "type", "tointeger" }
for _, name in ipairs(fnames) do
  local f = math[name]
  local out = {}
  for i = 1, nvalues do
    local v = values[i]
    local ok, r = pcall(call1, f, v)
    local ok2, r2 = pcall(f, v)
    assert(ok == ok2 and (not ok or (r == r2 or r ~= r and r2 ~= r2) and math.type(r) == math.type(r2)))
    if ok then
      out[#out + 1] = math.type(r) == "float" and string.format("%.14g", r) .. "f" or tostring(r)
    else
      out[#out + 1] = "E(" .. r .. ")"
    end
  end
  print(name, table.concat(out, " "))
end
print(pcall(math.floor), pcall(math.type), pcall(type), pcall(math.sqrt))
print(pcall(call0, math.floor), pcall(call0, math.type), pcall(call0, type), pcall(call0, math.sqrt), pcall(call0, select))
print(math.floor(3.7, "extra"), math.sqrt(16, nil), math.log(8, 2), math.log(100, 10), math.log(27, 3))
print(math.type(math.floor(3.7)), math.type(math.floor(-0.0)), math.floor(-0.0), math.ceil(-0.5),
  math.type(math.ceil(-0.5)), math.floor(2^63), math.floor(-2^63), math.floor(2^53), math.ceil(2^53 - 0.5))
print(math.abs(math.mininteger), math.abs(-0.0), math.abs(math.mininteger + 1), math.abs(-2^53))
print(math.sqrt(-1), math.sqrt(-0.0), math.sqrt(4), math.sqrt(2), math.log(-1), math.log(0), math.exp(1000))

-- 2. max and min: the type of the winner, first argument on ties and NaN, strings
local pairsmm = { {1, 2}, {2, 1}, {1, 2.5}, {3, 2.5}, {2, 2.0}, {2.0, 2}, {0/0, 1}, {1, 0/0},
  {-0.0, 0}, {0, -0.0}, {math.maxinteger, 2^63}, {math.mininteger, -2^63}, {"a", "b"},
  {"10", "9"}, {1, "2"}, {{}, 1}, {math.huge, math.maxinteger} }
for _, p in ipairs(pairsmm) do
  local a, b = p[1], p[2]
  print("max/min", show(pcall(math.max, a, b)), show(pcall(math.min, a, b)))
  print("max/min", show(pcall(call2, math.max, a, b)), show(pcall(call2, math.min, a, b)))
end
print(show(math.max(1, 5, 3)), show(math.min(4, 2.5, 3)), show(math.max(7)), pcall(math.max))

-- 3. type and select
for i = 1, nvalues do io.write(type(values[i]), " ") end
print(type(print), type(coroutine.create(print)), type(io.stdout))
local function sel(...) return select('#', ...), show(select(2, ...)), show(select(-1, ...)) end
print(pcall(sel))
print(sel(1))
print(sel(1, 2, 3))
print(sel(nil, nil))
print(show(select("#")), show(select("#x", 1, 2)), show(select(2.0, "a", "b", "c")), show(select(5, 1, 2)))
print(pcall(select, 0, 1), pcall(select, -3, 1, 2), pcall(select, 1.5, 1), pcall(select, "2", "a", "b"))
print(pcall(call2, select, 0, 1), pcall(call3, select, -3, 1, 2), pcall(call2, select, 1.5, 1), pcall(call3, select, "2", "a", "b"))
print(pcall(select), pcall(select, nil), pcall(select, {}, 1))
print(pcall(call0, select), pcall(call1, select, nil), pcall(call2, select, {}, 1), pcall(call2, select, 2^53, 1))
local a, b, c, d = select(2, 10, 20, 30)
print(a, b, c, d)
local t = { select(2, 10, 20, 30) }
print(#t, t[1], t[2], show(select(1, select(2, "x", "y", "z"))))

-- 4. table.insert and table.remove on plain tables
local tt = {}
for i = 1, 10 do table.insert(tt, i * i) end
print(#tt, tt[1], tt[10], show(table.insert(tt, "x")), #tt, tt[11])
print(show(table.remove(tt)), show(table.remove(tt, 1)), show(table.remove(tt, #tt + 1)), #tt, tt[1])
print(show(table.remove({})), show(table.remove({}, 0)), show(table.remove({}, 1)))
local function msg(ok, e) return tostring(ok) .. ":" .. tostring(e) end
for _, c in ipairs({ pcall, function(f, ...) return pcall(call3, f, ...) end }) do
  print(msg(c(table.remove, {}, 2)), msg(c(table.remove, { 1, 2 }, 4)), msg(c(table.remove, { 1, 2 }, -1)))
  print(msg(c(table.insert, { 1, 2 }, 5, "v")), msg(c(table.insert, { 1, 2 }, 0, "v")), msg(c(table.insert, {}, 1.5, "v")))
  print(msg(c(table.insert, {})), msg(c(table.insert, nil, 1)), msg(c(table.insert, "s", 1)))
  print(msg(c(table.remove, nil)), msg(c(table.remove, {}, "x")), msg(c(table.remove, { 1 }, 1.0)), msg(c(table.remove, { 1, 2 }, 3)))
end
print(pcall(table.insert, {}, 1, 2, 3), pcall(call2, table.insert, {}, nil), pcall(call1, table.remove, {}))
local holes = { 1, 2, 3 }
holes[5] = 5
table.insert(holes, 4)
print(holes[4], holes[5])
local big = {}
for i = 1, 3000 do big[i] = i end
print(table.remove(big, 1), table.remove(big, 2000), table.remove(big), #big, big[1], big[1998], big[2997])
local moved = { 1, 2, 3 }
local ins = table.insert
ins(moved, 1, 0)
ins(moved, 5)
print(table.concat(moved, ","), show(ins(moved, 6)))

-- 5. tables with metamethods: insert uses __len, __index and __newindex (lua_seti in 5.4)
local log = {}
local proxy = setmetatable({}, {
  __len = function() return 2 end,
  __newindex = function(t, k, v) log[#log + 1] = "set " .. tostring(k) .. "=" .. tostring(v); rawset(t, k, v) end,
  __index = function(t, k) log[#log + 1] = "get " .. tostring(k); return "d" .. tostring(k) end,
})
table.insert(proxy, "a")
table.insert(proxy, 1, "b")
print(show(table.remove(proxy)), show(table.remove(proxy, 1)))
print(table.concat(log, "; "))
local lenstr = setmetatable({}, { __len = function() return "3" end })
table.insert(lenstr, "x")
print(rawget(lenstr, 4), pcall(table.insert, setmetatable({}, { __len = function() return 1.5 end }), 1))
local ro = setmetatable({}, { __newindex = function() error("read-only table") end })
print(pcall(table.insert, ro, 1), pcall(table.remove, ro), rawlen(ro))
-- a metatable set mid-loop, then removed
local m = {}
for i = 1, 6 do
  if i == 3 then setmetatable(m, { __newindex = function(t, k, v) rawset(t, k, v * 10) end }) end
  if i == 5 then setmetatable(m, nil) end
  table.insert(m, i)
end
print(table.concat(m, ","))

-- 6. types changing at one call site
local floor, sqrt, abs, max, mtype = math.floor, math.sqrt, math.abs, math.max, math.type
local mixed = { 1, 2.5, "3.5", -0.0, 2^63, 7, 0/0, math.mininteger, -4.25, "x" }
for round = 1, 3 do
  local out = {}
  for i = 1, #mixed + 1 do
    local v = mixed[i]
    local ok1, f = pcall(floor, v)
    local ok2, s = pcall(sqrt, v)
    local ok3, a = pcall(abs, v)
    local ok4, m2 = pcall(max, v, 3)
    out[#out + 1] = tostring(f) .. "/" .. (ok2 and string.format("%.6g", s) or "E") .. "/" .. tostring(a)
      .. "/" .. tostring(m2) .. "/" .. tostring(mtype(v)) .. "/" .. type(v)
    local _ = ok1 and ok3 and ok4
  end
  print(round, table.concat(out, " "))
end
-- direct calls in a hot loop, where the inline path runs, with a type change at the end
local acc, n = 0, 0
for i = 1, 2000 do
  local x = i * 0.37
  acc = acc + floor(x) + math.ceil(x) + abs(-i) + max(i, 1000) + math.min(i, 10) + sqrt(i)
  if type(x) == "number" and mtype(i) == "integer" then n = n + select('#', i, x) end
end
print(string.format("%.10g", acc), n)

-- 7. redefinitions: the library's functions, the library table, the globals
local origFloor, origType, origSelect, origInsert = math.floor, type, select, table.insert
math.floor = function(x) return "my floor " .. tostring(x) end
local function callFloor(x) return math.floor(x) end
print(callFloor(2.5), origFloor(2.5), floor(2.5))
math.floor = origFloor
print(callFloor(2.5))
local savedMath = math
math = { floor = function() return "replaced" end, sqrt = savedMath.sqrt, max = savedMath.min }
print(math.floor(1.5), math.sqrt(9), math.max(1, 2))
math = savedMath
print(math.floor(1.5), math.max(1, 2))
type = function(v) return "typed " .. origType(v) end
select = function(...) return "selected" end
print(type(1), select('#', 1, 2), origType(1), origSelect('#', 1, 2))
type, select = origType, origSelect
table.insert = function(t, v) rawset(t, 1, "overridden " .. tostring(v)) end
local ti = {}
table.insert(ti, "v")
print(ti[1], #ti)
table.insert = origInsert
table.insert(ti, "w")
print(ti[1], ti[2])
-- the originals called through other routes
print(pcall(origFloor, 3.5), select(2, pcall(math.sqrt, 9)), string.format("%.3f", math.exp(1)))
local co = coroutine.wrap(function(...) coroutine.yield(math.floor(...)) return select('#', ...) end)
print(co(4.5, 1), co())
local wrapped = setmetatable({}, { __call = function(_, x) return math.floor(x) end })
print(wrapped(9.9))

-- 8. the libm functions near their hard spots (the fast path falls back to the exact one)
local pts = { 1e-9, 1e-5, 0.5, 1, 1.5707963267948966, 3.141592653589793, 4.71238898038469,
  6.283185307179586, 100, 1e5, 710, -700, -745, 0.9999999999, 1.0000000001, 2, 10, 1e-300 }
for _, x in ipairs(pts) do
  print(string.format("%.14g %.14g %.14g %.14g %.14g %.14g", math.sin(x), math.cos(x), math.exp(x),
    math.log(math.abs(x)), math.abs(x) ^ 1.5, 2 ^ x))
end
print(math.sin(0/0), math.cos(math.huge), math.exp(-math.huge), math.log(math.huge), math.sin(-0.0),
  math.exp(-0.0), math.log(1))

-- 9. tostring and tonumber: every kind of value, metatables with __tostring set and removed
local tvals = { 1, -0.0, 2.5, 1e100, 2^63, math.mininteger, 0/0, math.huge, "s", "12", " 0x1F ", "1e2",
  "3.", ".5", "0x", "1 2", "", true, nil, print }
local function tos(v) return tostring(v) end
local function ton(v) return tonumber(v) end
for round = 1, 3 do
  if round == 2 then
    getmetatable("").__tostring = function(s) return "<" .. s .. ">" end
    debug.setmetatable(0, { __tostring = function(n) return "#" .. math.type(n) end })
  elseif round == 3 then
    getmetatable("").__tostring = nil
    debug.setmetatable(0, nil)
  end
  local out = {}
  for i = 1, 20 do
    local v = tvals[i]
    local s = v == print and "fn" or tos(v)
    local ok, n = pcall(ton, v)
    out[#out + 1] = s .. "=" .. tostring(ok) .. ":" .. tostring(n) .. ":" .. tostring(math.type(n))
  end
  print(round, table.concat(out, " "))
end
print(pcall(tostring), pcall(tonumber), pcall(call0, tostring), pcall(call0, tonumber), pcall(call1, tonumber, nil))
print(tonumber("10", 16), tonumber("zz", 36), tonumber("8", 8), pcall(tonumber, "1", 99), tonumber(nil, nil))
print(tostring(setmetatable({}, { __tostring = function() return "T" end })), tostring(setmetatable({}, { __name = "N" })):match("^N: "))

-- 10. integer powers exactly halfway between two doubles round to even, like glibc's pow
print(string.format("%.17g %.17g %.17g %.17g", math.pow(134217727, 2), math.pow(-262143, 3), 262145 ^ 3,
  (2 ^ 27 - 1) ^ 2.0))
