-- math.random / math.randomseed: Lua 5.4's xoshiro256**, bit for bit.

local function show(...)
  local t = table.pack(...)
  local out = {}
  for i = 1, t.n do
    local v = t[i]
    out[i] = math.type(v) and (math.type(v) .. ":" .. tostring(v)) or tostring(v)
  end
  return table.concat(out, " ")
end

local function try(f, ...)
  local r = table.pack(pcall(f, ...))
  if r[1] then return show(table.unpack(r, 2, r.n)) end
  return "error: " .. tostring(r[2]):gsub("^[^:]+:(%d+): ", "line %1: ")
end

print("seed 42", show(math.randomseed(42)))
print(show(math.random(1, 100), math.random(), math.random(0)))

print("seed 0", show(math.randomseed(0)))
local t = {}
for i = 1, 20 do t[#t + 1] = math.random(1, 6) end
print(table.concat(t, " "))
t = {}
for i = 1, 10 do t[#t + 1] = tostring(math.random()) end
print(table.concat(t, " "))
t = {}
for i = 1, 8 do t[#t + 1] = tostring(math.random(0)) end
print(table.concat(t, " "))

print("two seeds", show(math.randomseed(123, 456)))
for _, args in ipairs{{10}, {3, 3}, {-5, 5}, {0, 1}, {1, 2^31}, {-2^31, 2^31}, {1, 2^32}, {1, 2^32 + 1},
    {1, 2^40}, {-2^52, 2^52}, {math.mininteger, math.maxinteger}, {math.mininteger, 0}, {0, math.maxinteger},
    {math.maxinteger - 1, math.maxinteger}, {math.mininteger, math.mininteger + 10}, {1, 1000000007},
    {7.0}, {-3.0, 3.0}, {"5"}, {"1", "10"}} do
  local r = {}
  for i = 1, 6 do r[i] = tostring(math.random(table.unpack(args))) end
  print("random(" .. table.concat(args, ", ") .. ")", table.concat(r, " "))
end

print("negative and big seeds", show(math.randomseed(-1)), math.random(0), math.random(100))
print(show(math.randomseed(math.mininteger, math.maxinteger)), math.random(0), math.random(1, 10))
print(show(math.randomseed(2^53)), math.random(0))
print(show(math.randomseed(7.0, -3)), math.random(0))

print("errors")
math.randomseed(99)
print(try(math.random, 1, 2, 3))
print(try(math.random, 2, 1))
print(try(math.random, -1))
print(try(math.random, 1.5))
print(try(math.random, 1, 2.5))
print(try(math.random, "x"))
print(try(math.random, {}))
print(try(math.random, math.maxinteger, math.mininteger))
print(try(function() return math.random(5, 4) end))
print(try(math.randomseed, 1.5))
print(try(math.randomseed, "x"))
print(try(math.randomseed, 1, 0.5))
-- the failed calls above still advanced the generator, as in the reference
print("after errors", math.random(0))

print("statistics")
math.randomseed(2024)
local counts = {0, 0, 0, 0, 0, 0}
for i = 1, 60000 do
  local r = math.random(6)
  counts[r] = counts[r] + 1
end
print(table.concat(counts, " "))
local sum, min, max = 0, 1, 0
for i = 1, 10000 do
  local r = math.random()
  sum = sum + r
  if r < min then min = r end
  if r > max then max = r end
end
print(string.format("%.10f %.10f %.10f", sum, min, max))
local lo, hi = 0, 0
for i = 1, 1000 do
  local r = math.random(0)
  if r < 0 then lo = lo + 1 else hi = hi + 1 end
end
print(lo, hi)

print("no-argument randomseed returns two integers")
local a, b = math.randomseed()
print(math.type(a), math.type(b))
local x = math.random()
print(x >= 0 and x < 1, math.type(x))
local y = math.random(3, 7)
print(y >= 3 and y <= 7, math.type(y))
