-- control structures
for i = 1, 3 do print("up", i) end
for i = 3, 1, -1 do print("down", i) end
for i = 1, 0 do print("never") end
for x = 0, 1, 0.25 do print("float", x) end
for i = math.maxinteger - 2, math.maxinteger do print("near max", i) end
for i = math.mininteger, math.mininteger + 2 do print("near min", i) end
for i = 1, 3.5 do print("float limit", i) end
print(pcall(function() for i = 1, 10, 0 do end end))
print(pcall(function() for i = "a", 10 do end end))
print(pcall(function() for i = 1, {} do end end))
local n = 0
while n < 5 do n = n + 1; if n == 4 then break end end
print("while", n)
repeat local k = n; n = n - 1 until k <= 2
print("repeat", n)
for i = 1, 5 do
  if i % 2 == 0 then goto continue end
  print("odd", i)
  ::continue::
end
do
  local i = 1
  ::top::
  if i <= 3 then print("goto loop", i); i = i + 1; goto top end
end
local fns = {}
for i = 1, 3 do fns[i] = function() return i end end
print(fns[1](), fns[2](), fns[3]())
local t = {}
local j = 1
while j <= 3 do local v = j * 10; t[j] = function() return v end; j = j + 1 end
print(t[1](), t[2](), t[3]())
if nil then print(1) elseif false then print(2) else print("else") end
print(1 and 2, nil and 1, false or "x", nil or false, 1 or error("no"), not nil, not 0)
for k, v in next, {10, 20, 30} do print("next", k, v) end
local function iter(s, c) if c < s then return c + 1, c * c end end
for a, b in iter, 3, 0 do print("iter", a, b) end
