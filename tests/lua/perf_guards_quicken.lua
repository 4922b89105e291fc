-- Guards of the quickened instructions (vm/quicken.ts): ADD/SUB/MUL/ADDK/SUBK/MULK/LT/LE rewrite
-- themselves to a number form (_F) after seeing non-int32 operands and to a generic form (_G)
-- when the numbers stop; every part makes one instruction see changing kinds of operands.

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    t[i] = tostring(v) .. (math.type(v) and ("/" .. math.type(v)) or "")
  end
  print(table.concat(t, " "))
end

-- 1. one ADD instruction: int, float, string coercion, __add, then ints again
local function add(a, b) return a + b end
local function sub(a, b) return a - b end
local function mul(a, b) return a * b end
local function addk(a) return a + 3 end
local function addkf(a) return a + 0.25 end
local function subk(a) return a - 7 end
local function mulk(a) return a * 3 end
local function mulkf(a) return a * 0.5 end
local V = setmetatable({}, {
  __add = function(a, b) return "V+" end, __sub = function(a, b) return "V-" end,
  __mul = function(a, b) return "V*" end,
})
local seq = { {1, 2}, {3, 4}, {1.5, 2}, {2, 0.25}, {"10", 1}, {"0x10", "1.5"}, {V, 1}, {1, V},
  {5, 6}, {math.maxinteger, 1}, {math.mininteger, -1}, {2^53, 1}, {-0.0, 0}, {0, -0.0},
  {-0.0, -0.0}, {0/0, 1}, {1/0, -1/0}, {7, 8}, {46341, 46341}, {3037000499, 3037000499},
  {-3, 0}, {-3.5, 0}, {2^31, 2^31}, {7, 9} }
for _, p in ipairs(seq) do
  local a, b = p[1], p[2]
  show(add(a, b), sub(a, b), mul(a, b))
end
for _, a in ipairs({ 1, 2, 2.5, 2^52 - 0.5, "4", 9, math.maxinteger, -0.0, 2^53, V, 11 }) do
  show(addk(a), addkf(a), subk(a), mulk(a), mulkf(a))
end

-- 2. overflow wraps after the instruction was quickened on small integers / floats
local function inc(x) return x + 1 end
local function dbl(x) return x * 2 end
for i = 1, 5 do inc(i); dbl(i) end
show(inc(math.maxinteger), dbl(math.maxinteger), inc(math.mininteger - 1))
show(inc(2.5), inc(math.maxinteger), dbl(2^62), dbl(1.5), dbl(math.mininteger))
show(math.maxinteger + 1 == math.mininteger, math.mininteger - 1 == math.maxinteger)

-- 3. -0.0 and NaN through quickened arithmetic and comparisons
local function lt(a, b) return a < b end
local function le(a, b) return a <= b end
local function gt(a, b) return a > b end
local function ge(a, b) return a >= b end
local nan = 0/0
for _, p in ipairs({ {1, 2}, {2, 1}, {1.5, 2}, {nan, 1}, {1, nan}, {nan, nan}, {-0.0, 0},
  {0, -0.0}, {1/0, 1}, {-1/0, 1}, {3, 3}, {3.0, 3}, {"a", "b"}, {"b", "a"}, {4, 5} }) do
  local a, b = p[1], p[2]
  print(lt(a, b), le(a, b), gt(a, b), ge(a, b))
end
show(1/(-0.0 * 1), 1/(0 * -1.5), -0.0 + 0, 0 - 0.0, 1/(-0.0 - 0), 1/(-0.0 + -0.0))

-- 4. int/float comparisons at the 2^53 boundary (integers are exact; floats are not)
local big = { 2^53, 2^53 + 1, 9007199254740992, 9007199254740993, 9007199254740991,
  2^63, math.maxinteger, math.maxinteger + 0.0, math.mininteger, -2^63, 2^53 - 1 }
for i = 1, #big do
  local row = {}
  for j = 1, #big do
    local a, b = big[i], big[j]
    row[#row + 1] = (lt(a, b) and "<" or "") .. (le(a, b) and "=" or "") .. (a == b and "e" or "")
  end
  print(table.concat(row, " "))
end

-- 5. numeric for loops: float steps, integer loops reaching maxinteger
local n = 0
for x = 0, 1, 0.1 do n = n + 1 end
show(n)
local s = 0
for x = 1.0, 3 do s = s + x end
show(s)
for i = math.maxinteger - 2, math.maxinteger do show(i, i + 0.0) end
for i = math.mininteger, math.mininteger + 2 do show(i) end
for i = math.maxinteger - 1, math.maxinteger, 2 do show(i) end
for x = 1, 2, 0.5 do show(x, x * 2, x + 1) end
for x = 3, 1, -0.75 do show(x) end

-- 6. __lt / __le on quickened compare sites
local mtc = {
  __lt = function(a, b) return (type(a) == "table" and a.v or a) < (type(b) == "table" and b.v or b) end,
  __le = function(a, b) return (type(a) == "table" and a.v or a) <= (type(b) == "table" and b.v or b) end,
}
local function W(v) return setmetatable({ v = v }, mtc) end
for _, p in ipairs({ {1, 2}, {2.5, 1}, {W(1), W(2)}, {W(3), 2}, {1, W(1)}, {1.5, 2.5}, {7, 7} }) do
  local a, b = p[1], p[2]
  print(lt(a, b), le(a, b), gt(a, b), ge(a, b))
end
-- a sort that compares numbers, then the same comparator on strings
local function sorted(t) table.sort(t, function(a, b) return a < b end); return table.concat(t, ",") end
print(sorted({ 3, 1.5, 2, -1, 0.5 }), sorted({ "b", "c", "a" }), sorted({ 9, 8, 7 }))

-- 7. errors name the variable from quickened instructions
local function errs(f, ...) local ok, e = pcall(f, ...); print(ok, e) end
local function adder(x, y) return x + y end
local function cmp(x, y) return x < y end
for i = 1, 3 do adder(i, 1.5); cmp(i, 0.5) end -- quickened to the number forms
errs(adder, 1, nil)
errs(adder, {}, 1)
errs(function(a) local t = {} return a * t end, 2.5)
errs(function(a) return a - 1.5 end, "x")
errs(function(a) return a * 2.5 end, nil)
errs(cmp, 1.5, "x")
errs(cmp, {}, 1)
errs(function(a, b) return a <= b end, 1.5, {})
-- the metamethod called from a quickened (then generic) site is named in a traceback
local T = setmetatable({}, { __add = function() return debug.traceback("tb", 1) end,
  __lt = function() print((debug.traceback("tb", 1):gsub("\n.*", ""))); print(debug.getinfo(1, "n").name); return true end })
for i = 1, 3 do add(i + 0.5, 1) end
print(add(T, 1.5))
print(lt(T, 1.5), lt(0.5, T))
local up = nil
errs(function() return up + 0.5 end)
errs(function() local z = 1.5; z = z + 1; return z + glob_nil end)

-- 8. string.dump of a function after it has been quickened: loads and runs the same
local function kernel(a, b, k)
  local acc = 0
  for i = 1, 10 do
    acc = acc + a * i - b
    if acc < k then acc = acc * 0.5 end
    if acc <= 2 then acc = acc + 3 end
  end
  return acc
end
local dump0 = string.dump(kernel)
show(kernel(1, 2, 5), kernel(1.5, 0.25, 5.5), kernel("2", 1, 3))
print("same dump after quickening", string.dump(kernel) == dump0)
local copy = load(string.dump(kernel))
show(copy(1, 2, 5), copy(1.5, 0.25, 5.5), copy("2", 1, 3))
local stripped = load(string.dump(kernel, true))
show(stripped(1, 2, 5), stripped(2.5, 1, 4))
print(pcall(copy, {}, 1, 1))

-- 9. coroutines and a metamethod that yields inside a quickened-then-generic site
local Y = setmetatable({}, { __add = function(a, b) return coroutine.yield("in __add") end,
  __lt = function(a, b) return coroutine.yield("in __lt") end })
local co = coroutine.wrap(function()
  local r = {}
  for _, v in ipairs({ 1, 2.5, Y, 4 }) do
    r[#r + 1] = tostring(add(v, 1)) .. ":" .. tostring(lt(v, 3))
  end
  return table.concat(r, " ")
end)
print(co()); print(co(100)); print(co(false))
