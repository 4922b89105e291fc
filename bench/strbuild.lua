-- string building with .. and a buffer table
local n = tonumber(arg and arg[1]) or 1000000
local s = ""
for i = 1, n // 50 do s = s .. (i % 10) end
local parts = {}
for i = 1, n do parts[#parts + 1] = i % 97 end
local total = 0
for i = 1, #parts do total = total + parts[i] end
local t = {}
for i = 1, n // 4 do t[i] = "x" .. i end
print("checksum", #s + total + #t[#t])
