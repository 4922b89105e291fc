-- Paths moved out of `execute` (docs/performance.md item 24): ADD/SUB/MUL and their K forms
-- with operand kinds changing mid-run (int32, big integers, floats, integral floats, strings,
-- metamethods, errors), tail calls of Lua functions, natives, vararg functions and __call
-- objects, RETURN closing upvalues and to-be-closed variables, SETLIST with open counts,
-- VARARG, CLOSE.

local function show(...) print(select('#', ...), ...) end

-- arithmetic: one site sees every kind of operand in turn
local mt = {
  __add = function(a, b) return "add" end,
  __sub = function(a, b) return "sub" end,
  __mul = function(a, b) return "mul" end,
}
local obj = setmetatable({}, mt)
local vals = { 1, 2, 2^31, math.maxinteger, math.mininteger, 0.5, 3.0, -0.0, "10", "0x10", "2.5", obj, 1e308 }
for _, x in ipairs(vals) do
  for _, y in ipairs(vals) do
    local ok1, a = pcall(function() return x + y end)
    local ok2, s = pcall(function() return x - y end)
    local ok3, m = pcall(function() return x * y end)
    print(math.type(x) or type(x), math.type(y) or type(y), ok1, a, ok2, s, ok3, m)
  end
  -- constant operands (ADDK/SUBK/MULK)
  local ok, r1, r2, r3, r4 = pcall(function() return x + 7, x - 7, x * 7, x - 0 end)
  print("K", ok, r1, r2, r3, r4, pcall(function() return 1 / (x - 0.0) end))
  local ok2, e = pcall(function() return x + {} end)
  print("err", ok2, e)
end
-- integer overflow wraps, float -0.0 survives K forms
print(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger,
  math.maxinteger * 2, 1 / (-0.0 - 0), 1 / (-0.0 + 0.0), 1 / (-0.0 * 1))
local acc = 0
for i = 1, 200 do
  local x = (i % 3 == 0) and i + 0.5 or (i % 5 == 0) and 2^53 or i
  acc = acc + x - i * 2
end
print(acc)

-- tail calls: Lua, vararg Lua, native, __call, deep
local function leaf(a, b) return a, b end
local function va(...) return select('#', ...), ... end
local callable = setmetatable({}, { __call = function(self, a) return "called", a end })
local function t1(f, ...) return f(...) end
show(t1(leaf, 1, 2, 3))
show(t1(va, 1, nil, 3))
show(t1(select, 2, "a", "b", "c"))
show(t1(callable, 42))
local function down(n) if n == 0 then return "bottom" end return down(n - 1) end
print(down(100000))
local function tailclose(n)
  local x = n
  local f = function() return x end
  if n > 0 then return tailclose(n - 1) end
  return f()
end
print(tailclose(10))

-- RETURN with upvalues and to-be-closed variables
local function mk()
  local fs = {}
  for i = 1, 3 do fs[i] = function() return i end end
  return fs
end
local fs = mk()
print(fs[1](), fs[2](), fs[3]())
local log = {}
local function withtbc(...)
  local c <close> = setmetatable({}, { __close = function(_, err) log[#log + 1] = "closed" end })
  return ...
end
show(withtbc(1, 2, 3))
print(table.concat(log, ","))
local function closeerr()
  local c <close> = setmetatable({}, { __close = function() error("in close") end })
  return 1
end
print(pcall(closeerr))

-- SETLIST with a multi-result tail, VARARG with all/fixed counts
local function three() return 1, 2, 3 end
local t = { 0, three() }
print(#t, t[1], t[4])
t = { three(), three() }
print(#t)
local function v2(...) local a, b, c = ... return a, b, c end
show(v2())
show(v2(1))
show(v2(1, 2, 3, 4))
local function vall(...) local t = table.pack(...) return t.n, t[3], ... end
show(vall(nil, nil, 3))
show(vall(table.unpack({}, 1, 200)))

-- CLOSE in loops (break out of a block with a captured variable and a tbc)
local got = {}
for i = 1, 3 do
  local c <close> = setmetatable({}, { __close = function() got[#got + 1] = i end })
  local f = function() return i end
  if i == 2 then break end
end
print(table.concat(got, ","))
