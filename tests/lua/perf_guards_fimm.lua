local x = 5
print(x > 4.0, x < 4.0, x >= 5.0, x <= -0.0, x == 5.0, x ~= 5.0, 4.0 < x, 6.0 > x)
local y = 4.5
print(y > 4.0, y < 4.0, y >= 5.0, y <= -0.0, y == 5.0, 4.0 <= y)
local mt = {__lt = function(a, b) return math.type(a) == "float" or math.type(b) == "float" end,
            __le = function(a, b) print("le", math.type(a), math.type(b)) return true end}
local o = setmetatable({}, mt)
print(o < 4.0, o < 4, 4.0 < o, 4 < o, o > 3.0, o >= -0.0, o <= 7.0, -0.0 <= o)
print(pcall(function() return {} < 4.0 end))
print(pcall(function() return "a" > 4.0 end))
print(pcall(function() return nil >= 2.0 end))
for i = 1, 3 do local z = i == 2.0 and "two" or "not" print(z) end
print(2^53 > 4.0, math.huge > 4.0, -math.huge < 4.0, 0/0 > 4.0, 0/0 < 4.0, 0/0 == 0.0)
local f = 4.0 print(f == 4, f > 3.0, f >= 4.0, math.mininteger < -127.0, 127.0 >= 127, 128.0 > 127)
-- one site sees integers, floats, big numbers, strings and tables with metamethods
local cmt = {__lt = function(a, b) return "lt" end, __le = function(a, b) return nil end}
local vals = {3, 4, 5, 3.5, 4.0, 4.5, 2^63, -2^63, math.maxinteger, math.mininteger, 0/0, -0.0,
  setmetatable({}, cmt), "4", nil}
for j = 1, #vals + 1 do
  local v = vals[j]
  local r = {}
  for _, f in ipairs({
    function() return v > 4.0 end, function() return v < 4.0 end, function() return v >= 4.0 end,
    function() return v <= 4.0 end, function() return v == 4.0 end, function() return v ~= 4.0 end,
    function() return 4.0 < v end, function() return 4.0 >= v end, function() return v > -127.0 end,
    function() return v < 128.0 end, function() if v > 4.0 then return "y" else return "n" end end,
  }) do
    local ok, res = pcall(f)
    r[#r + 1] = tostring(ok) .. ":" .. tostring(res)
  end
  print(j, table.concat(r, " "))
end
-- a loop whose counter turns from integer to float
local n, c = 0, 0
for i = 1, 20 do n = n + (i > 10 and 0.5 or 1) if n > 8.0 then c = c + 1 end end
print(n, c)
