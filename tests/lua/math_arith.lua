-- Number semantics at the Lua level: integer wraparound, floor division and modulo, float
-- corner cases, bitwise operators, exact integer/float comparisons, string coercion, tostring.
-- Each operation runs on variables (the interpreter's paths) and on constants (constant folding).

local function show(v)
  if math.type(v) then return math.type(v) .. ":" .. tostring(v) end
  return tostring(v)
end

local function try(f, ...)
  local ok, r = pcall(f, ...)
  if ok then return show(r) end
  return "error: " .. tostring(r):gsub("^[^:]+:(%d+): ", "")
end

local maxi, mini, inf, nan = math.maxinteger, math.mininteger, math.huge, 0/0
local ops = {
  ["+"] = function(a, b) return a + b end, ["-"] = function(a, b) return a - b end,
  ["*"] = function(a, b) return a * b end, ["/"] = function(a, b) return a / b end,
  ["//"] = function(a, b) return a // b end, ["%"] = function(a, b) return a % b end,
  ["^"] = function(a, b) return a ^ b end, ["&"] = function(a, b) return a & b end,
  ["|"] = function(a, b) return a | b end, ["~"] = function(a, b) return a ~ b end,
  ["<<"] = function(a, b) return a << b end, [">>"] = function(a, b) return a >> b end,
  ["=="] = function(a, b) return a == b end, ["<"] = function(a, b) return a < b end,
  ["<="] = function(a, b) return a <= b end,
}
local order = {"+", "-", "*", "/", "//", "%", "^", "&", "|", "~", "<<", ">>", "==", "<", "<="}

local values = {0, 1, -1, 2, -7, 3, 7, 255, 2^53, 2^63, -2^63, 9007199254740993, maxi, mini, 0.0, -0.0, 0.5, -2.5,
  5.3, 1e308, inf, -inf, nan, "10", "3.0", "0x10"}

for _, op in ipairs(order) do
  local f = ops[op]
  local line = {}
  for i = 1, #values, 3 do
    for j = 2, #values, 5 do
      line[#line + 1] = try(f, values[i], values[j])
    end
  end
  print(op, table.concat(line, " "))
end

print("unary")
for _, v in ipairs(values) do
  print(show(v), try(function() return -v end), try(function() return ~v end))
end

print("constants")
print(maxi + 1, mini - 1, maxi * 2, mini * -1, mini // -1, mini % -1)
print(7 // 2, -7 // 2, 7 // -2, -7 // -2, 7 % 3, -7 % 3, 7 % -3, -7 % -3)
print(7 // 0.0, -7 // 0.0, 0.0 // -1, -0.0 // 1, 1 // inf, -1 // inf)
print(5.3 % -2, -5.3 % 2, -0.0 % 1, 5 % inf, -5 % inf, 5 % -inf, -5 % -inf, 3 % -2.5, 1e-200 % -3e-200)
print(1 << 63, 1 << 64, 1 << -1, -1 >> 1, -1 >> 63, -1 >> 64, 3 & 5, 3 | 5, 3 ~ 5, ~0, 2^53 | 0)
print(maxi < 2^63, maxi + 0.0 == 2^63, 9007199254740993 < 9007199254740992.0, 2^53 == 2^53 + 1)
print(mini == -2^63, mini < -2^63, 1 == 1.0, nan == nan, -0.0 == 0, 9007199254740993 > 9007199254740992.0)
print("10" + 1, "3.0" + 1, "0x10" + 0, " 10 " * 2, "10" // "3", "-2" ^ 2, -"2", "1e2" + 0)
print(pcall(function() local a = 7 return a // 0 end))
print(pcall(function() local a = 7 return a % 0 end))
print(pcall(function() local a = 1.5 return a | 0 end))

print("tostring")
for _, v in ipairs{1e15, 1e16, 1e14, 0.1, 1/3, -0.0, 2^63, 1e100, 123456789012345678, 100.0, -100.0, 2^53, 1e-5,
    1e-4, 0.1 + 0.2, 123456789012, 3.14159265358979, 5e-324, 2^-1022, 1.7976931348623157e308, 99999999999999.5,
    0.99999999999999999, 123456789012345.6, inf, -inf, -1.5} do
  print(tostring(v), v .. "")
end
print(nan ~= nan, tostring(-(0/0)) == "nan" or tostring(-(0/0)) == "-nan")

print("string.format")
for _, v in ipairs{0, 0.5, 1.5, 2.5, -2.5, 2.675, 1/3, 1e21, 1e308, 5e-324, 123.456, -0.0, 2^63, 0.1} do
  print(string.format("%.0f|%.2f|%10.3f|%-10.1e|%+g|%.14g|%.17g|%a|%5.2E|%#.3g|%08.2f", v, v, v, v, v, v, v, v, v, v, v))
end
print(string.format("%.99f", 1/3))
print(string.format("%5.2f", 1e308))
print(string.format("%.20e|%.30g|%.3a|%.0a", 2/3, 1e-300, 0.1, 1.5))
print(string.format("%f|%e|%g|%a|%G|%5.1f|%-6e|", inf, -inf, inf, -inf, 1e-10, 0/0, -(0/0)))
