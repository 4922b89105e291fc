-- tables with string keys (sums stay below 2^31: fengari has 32-bit integers)
local n = tonumber(arg and arg[1]) or 3000000
local keys = {}
for i = 1, 1000 do keys[i] = "key" .. i end
local map = {}
local sum = 0
for i = 1, n do
  local k = keys[i % 1000 + 1]
  map[k] = (map[k] or 0) + i % 1000
end
for _, k in ipairs(keys) do sum = (sum + map[k]) % 1000003 end
local words = {}
for i = 1, n // 10 do words["w" .. (i % 5000)] = i end
local cnt = 0
for _ in pairs(words) do cnt = cnt + 1 end
print("checksum", sum + cnt)
