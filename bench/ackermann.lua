-- recursion: Ackermann's function (deep, non-tail recursion) and Takeuchi's tak
local function ack(m, n)
  if m == 0 then return n + 1 end
  if n == 0 then return ack(m - 1, 1) end
  return ack(m - 1, ack(m, n - 1))
end
local function tak(x, y, z)
  if y >= x then return z end
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y))
end
local sum = 0
for i = 1, 3 do sum = sum + ack(2, 500 + i) + ack(3, 8) end
for i = 1, 8 do sum = sum + tak(24, 16, 8) end
print("checksum", sum)
