-- Guards of the loop paths: FORPREP's inline int32 path (start, limit and step all int32) and
-- forPrep's general path for everything else, at the same instruction (the loop bounds change
-- type between entries of the same loop), the FORLOOP fast path, and comparisons + jumps.

-- 1. one numeric for, entered with bounds of every kind
local function run(a, b, c)
  local n, first, last, s = 0, nil, nil, 0
  for i = a, b, c do
    n = n + 1
    if first == nil then first = i end
    last = i
    s = s + i
    if n > 12 then break end
  end
  return n, first, last, math.type(first), s
end
local cases = {
  {1, 10, 1}, {1, 10, 3}, {10, 1, -1}, {10, 1, -4}, {1, 0, 1}, {0, 1, -1}, {5, 5, 1}, {5, 5, -1},
  {1, 3.5, 1}, {1, 3.0, 1}, {3.5, 1, -1}, {1.0, 3, 1}, {1, 3, 1.0}, {1, 2, 0.25}, {2, 1, -0.5},
  {2147483646, 2147483647, 1}, {2147483647, 2147483648, 1}, {-2147483648, -2147483647, 1},
  {-2147483647, -2147483648, -1}, {2147483640, 2147483647, 3}, {-2147483648, 2147483647, 2147483647},
  {2147483647, -2147483648, -2147483648}, {-2147483648, 2147483647, -1},
  {math.maxinteger - 2, math.maxinteger, 1}, {math.mininteger, math.mininteger + 2, 1},
  {math.mininteger + 2, math.mininteger, -1}, {math.maxinteger - 1, 1e100, 1}, {1, -1e100, 1},
  {-3, -1e100, -1}, {1, math.huge, 2^40}, {0, 2^53, 2^52}, {1, "3", 1}, {"1", 3, 1}, {1, 3, "1"},
  {1, 0x7fffffff, 0x40000000}, {0, -0x80000000, -0x40000000}, {-0.0, 1, 1}, {1, 2^31, 2^30},
}
for _, c in ipairs(cases) do
  print(c[1], c[2], c[3], pcall(run, c[1], c[2], c[3]))
end
-- errors, from the same loop instruction after int32 entries
for _, c in ipairs({ {1, 2, 0}, {1, 2, 0.0}, {1, {}, 1}, {nil, 2, 1}, {1, 2, "x"}, {1, 2, false} }) do
  print(pcall(run, c[1], c[2], c[3]))
end
print(pcall(run, 1, 10, 1))

-- 2. the loop variable is a copy: changing it does not change the loop
local t = {}
for i = 1, 5 do t[#t + 1] = i; i = i * 10; t[#t + 1] = i end
print(table.concat(t, " "))
for i = 1.0, 3 do i = "x"; t[#t + 1] = i end
print(table.concat(t, " "))

-- 3. nested loops whose inner bounds depend on the outer index (entered many times)
local acc = 0
for i = -5, 5 do
  for j = i, -i, i < 0 and 1 or -1 do acc = acc + j * i end
  for j = i, i - 1 do acc = acc + 1000 end -- never runs
  for j = 2147483647 - i, 2147483647, 2 do acc = acc + 1 end
end
print("acc", acc)

-- 4. trip counts with non-unit steps near the int32 limits
local function count(a, b, c) local n = 0; for _ = a, b, c do n = n + 1 end; return n end
print(count(0, 2147483647, 7), count(-2147483648, 2147483647, 65536), count(2147483647, -2147483648, -65537))
print(count(1, 100, 7), count(100, 1, -7), count(-100, 100, 201), count(-100, 100, 200))

-- 5. comparisons feeding jumps, with operands changing type and metamethods
local mt = { __eq = function(a, b) return true end, __lt = function(a, b) return a.v < b.v end,
  __le = function(a, b) return a.v <= b.v end }
local A, B = setmetatable({v = 1}, mt), setmetatable({v = 2}, mt)
local vals = { 1, 2, 1.0, 2.5, -0.0, 0, "1", A, B, math.maxinteger, 2^63, false, true } -- [14] = nil
local out = {}
for x = 1, 14 do
  for y = 1, 14 do
    local a, b = vals[x], vals[y]
    local r = {}
    r[1] = a == b and "e" or "n"
    r[2] = (a == 1) and "1" or "-"
    local ok, v = pcall(function() return a < b end)
    r[3] = ok and tostring(v) or "err"
    ok, v = pcall(function() return a <= 2 end)
    r[4] = ok and tostring(v) or "err"
    ok, v = pcall(function() return a > 1 end)
    r[5] = ok and tostring(v) or "err"
    out[#out + 1] = table.concat(r, ",")
  end
end
print(#out, table.concat(out, " ", 1, 40))
print(table.concat(out, " ", 41, #out))

-- 6. a metamethod that yields inside a loop condition
local co = coroutine.wrap(function()
  local Y = setmetatable({}, { __lt = function(a, b) coroutine.yield("in lt"); return true end })
  local n = 0
  for i = 1, 3 do
    if Y < Y then n = n + i end
  end
  while n < 10 and Y < Y do n = n + 1 end
  return "done", n
end)
for _ = 1, 20 do local a, b = co(); print(a, b); if a == "done" then break end end
