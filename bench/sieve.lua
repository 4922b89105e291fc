-- integer loops: sieve of Eratosthenes, repeated
local n = tonumber(arg and arg[1]) or 2000000
local count = 0
for rep = 1, 3 do
  local flags = {}
  for i = 2, n do flags[i] = true end
  count = 0
  for i = 2, n do
    if flags[i] then
      count = count + 1
      if i <= n // i then -- (i * i would overflow fengari's 32-bit integers)
        for j = i * i, n, i do flags[j] = false end
      end
    end
  end
end
print("checksum", count)
