-- coroutines as generators
local n = tonumber(arg and arg[1]) or 2000000
local function gen(limit)
  return coroutine.wrap(function() for i = 1, limit do coroutine.yield(i) end end)
end
local sum = 0
for v in gen(n) do sum = sum + v % 13 end
local co = coroutine.create(function(a) while true do a = coroutine.yield(a * 2 % 1000) end end)
local x = 1
for _ = 1, n // 2 do local _, r = coroutine.resume(co, x); x = r + 1 end
print("checksum", sum + x)
