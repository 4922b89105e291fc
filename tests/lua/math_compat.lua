-- Functions the reference lua5.4 build keeps under LUA_COMPAT_MATHLIB (Debian's build):
-- atan2 cosh sinh tanh pow frexp ldexp log10.

local function show(...)
  local t = table.pack(...)
  local out = {}
  for i = 1, t.n do
    local v = t[i]
    out[i] = math.type(v) and (math.type(v) .. ":" .. tostring(v)) or tostring(v)
  end
  return table.concat(out, " ")
end

print(math.atan2 == math.atan)
for _, v in ipairs{0, 1, -1, 0.5, 2, 10, 710, -710, math.huge, -math.huge} do
  print("hyp", show(v, math.cosh(v), math.sinh(v), math.tanh(v)))
end
for _, c in ipairs{{2, 10}, {2, 0.5}, {2, -1}, {-2, 3}, {-8, 1/3}, {0, 0}, {0, -1}, {-0.0, -1}, {1, 0/0}, {10, 2}, {3, 2},
    {math.huge, 0}, {-1, math.huge}, {0.5, -math.huge}, {2, 1024}, {2, -1075}} do
  local r = math.pow(c[1], c[2])
  print("pow", show(c[1], c[2]), r ~= r and "nan" or show(r))
end
for _, v in ipairs{0, -0.0, 1, -1, 0.5, 8, 1000, 1e300, 5e-324, 2.2250738585072014e-308, -3.75, math.huge, -math.huge} do
  print("frexp", show(v, math.frexp(v)))
end
for _, c in ipairs{{1, 0}, {1, 10}, {0.5, 1}, {1, -1074}, {1, -1075}, {1, 1023}, {1, 1024}, {3, -1074}, {1.5, -1073},
    {0.75, -1073}, {1e-320, 1000}, {1e300, -2000}, {-1, 5}, {0, 5000}, {5, 2^32 + 1}, {1, "3"}} do
  print("ldexp", show(c[1], c[2], math.ldexp(c[1], c[2])))
end
for _, v in ipairs{1, 10, 100, 1000, 1e22, 1e-5, 2, 0.5, 0, math.huge} do print("log10", show(v, math.log10(v))) end
print(pcall(math.ldexp, 1, 1.5))
print(pcall(math.pow, 1))
print(pcall(math.frexp))
