-- Randomised differential test of the exact math functions (abs, ceil, floor, fmod, modf,
-- tointeger, ult, max, min, type), sqrt, and the arithmetic they are used with, on integers and
-- floats from a fixed seed (math.random is the reference's xoshiro256**).

math.randomseed(777)
local random = math.random
local mini, maxi = math.mininteger, math.maxinteger

local specials = {0, -0.0, 1, -1, 0.5, -0.5, 2^53, -2^53, 2^63, -2^63, maxi, mini, maxi - 1, mini + 1,
  1 / 0, -1 / 0, 1e308, 5e-324, 3, -3, 7, -7, 2^31, 1e15 + 0.5}

local function randomNumber()
  local kind = random(6)
  if kind == 1 then return specials[random(#specials)] end
  if kind == 2 then return random(-1000, 1000) end
  if kind == 3 then return random(mini, maxi) end
  if kind == 4 then return (random() - 0.5) * 10 ^ random(-5, 20) end
  if kind == 5 then return random(-100, 100) + 0.0 end
  return random(-20, 20) / 4
end

local function fmt(v)
  if math.type(v) == "float" then return string.format("%.17g", v) end
  return tostring(v)
end

local function call(f, ...)
  local t = table.pack(pcall(f, ...))
  if not t[1] then return "E:" .. t[2] end
  local parts = {}
  for i = 2, t.n do parts[#parts + 1] = fmt(t[i]) .. (math.type(t[i]) == "float" and "f" or "") end
  return table.concat(parts, "&")
end

for i = 1, 1500 do
  local a, b = randomNumber(), randomNumber()
  local row = {fmt(a), fmt(b),
    call(math.abs, a), call(math.ceil, a), call(math.floor, a), call(math.fmod, a, b), call(math.modf, a),
    call(math.tointeger, a), call(math.ult, a, b), call(math.max, a, b), call(math.min, a, b),
    call(math.type, a), call(math.sqrt, a),
    call(function() return a // b end), call(function() return a % b end), call(function() return a / b end),
    call(function() return a * b end), call(function() return a + b end), call(function() return a - b end),
    call(function() return a < b, a <= b, a == b end), call(function() return a & b end),
    call(function() return tostring(a) end), call(function() return tonumber(tostring(a)) end),
    call(function() return string.format("%.3f|%g|%5.1e", a, a, a) end),
    call(function() return string.format("%d", a) end),
  }
  print(table.concat(row, " "))
end
