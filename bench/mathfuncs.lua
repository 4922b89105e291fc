-- Cost of the elementary math functions (correctly rounded in moonlet, src/runtime/libm.ts):
-- sin, exp, log and x^y over a million arguments each.
local sin, exp, log = math.sin, math.exp, math.log
local s = 0
for i = 1, 1000000 do
  local x = i * 0.001
  s = s + sin(x) + exp(-x * 0.01) + log(x) + x ^ 1.5
end
print(string.format("checksum %.10g", s))
