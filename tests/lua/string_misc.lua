-- The rest of the string library: byte, char, len, lower, upper, rep, reverse, sub with every
-- index edge, the string metatable, and arithmetic on strings.

local function show(...)
  local t = table.pack(...)
  local parts = {}
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "string" then parts[i] = string.format("%q", v)
    elseif math.type(v) == "float" then parts[i] = string.format("%.17g(f)", v)
    else parts[i] = tostring(v) end
  end
  print(table.concat(parts, " "))
end

local function try(f, ...)
  show(pcall(f, ...))
end

local mini, maxi = math.mininteger, math.maxinteger

print("-- sub")
local s = "hello"
local idx = {mini, -100, -6, -5, -4, -1, 0, 1, 2, 4, 5, 6, 100, maxi}
for _, i in ipairs(idx) do
  local row = {}
  for _, j in ipairs(idx) do row[#row + 1] = s:sub(i, j) end
  print(i, table.concat(row, ","))
end
show(s:sub(2), s:sub(-2), s:sub(0), s:sub(6), (""):sub(1), (""):sub(0, 0), (""):sub(-1, 1))
show(s:sub(2.0, 3.0), s:sub("2", "3"), s:sub(" 2 ", "0x3"))
try(string.sub, s, 1.5)
try(string.sub, s, 1, 2.5)
try(string.sub, s, "x")
try(string.sub, s)
try(string.sub)
try(string.sub, s, 2^63)
try(string.sub, s, -2^63)
try(string.sub, s, 1, {})
show(string.sub(12345, 2, 3), string.sub(1.5, 1, 2), string.sub(-0.0, 1))

print("-- byte")
show(s:byte(), s:byte(1), s:byte(-1), s:byte(0), s:byte(6), s:byte(1, -1), s:byte(3, 2), s:byte(-100, 2))
show(s:byte(2, 100), s:byte(mini, maxi), (""):byte(), (""):byte(1, -1), ("\0\255"):byte(1, 2))
show(select("#", s:byte(10)), select("#", s:byte(1, 0)), select("#", s:byte(1, 5)))
try(string.byte, s, 1.5)
try(string.byte, s, 1, "x")
try(string.byte)
do
  local big = string.rep("abc", 10000)
  local t = {big:byte(1, -1)}
  print(#t, t[1], t[#t], t[15000])
end

print("-- char")
show(string.char(), string.char(72, 101, 108, 108, 111), string.char(0, 255), string.char(65.0), string.char("66"))
try(string.char, 256)
try(string.char, -1)
try(string.char, 65, 300)
try(string.char, 65, "x")
try(string.char, 1.5)
try(string.char, nil)
try(string.char, maxi)
do
  local t = {}
  for i = 1, 20000 do t[i] = 65 + i % 26 end
  local r = string.char(table.unpack(t))
  print(#r, r:sub(1, 30), r:sub(-5))
end

print("-- len")
show(string.len(""), string.len("abc"), string.len("a\0b"), ("\0\0\0"):len(), string.len(123), string.len(-1.5))
try(string.len)
try(string.len, {})
try(string.len, true)
show(#"", #"abc", #"\u{7FF}", #"\xff\xfe")

print("-- lower and upper")
show(("Hello World 123"):lower(), ("Hello World 123"):upper(), (""):upper(), ("\0a\0B"):upper(), ("\0a\0B"):lower())
show(("ÀÉÎõü"):upper(), ("ÀÉÎõü"):lower(), string.upper(12), string.lower(1e100))
local allbytes = {}
for i = 0, 255 do allbytes[#allbytes + 1] = string.char(i) end
allbytes = table.concat(allbytes)
local up, low = allbytes:upper(), allbytes:lower()
local changedUp, changedLow = 0, 0
for i = 1, 256 do
  if up:byte(i) ~= i - 1 then changedUp = changedUp + 1 end
  if low:byte(i) ~= i - 1 then changedLow = changedLow + 1 end
end
print(changedUp, changedLow, up:sub(97, 123), low:sub(65, 91))
try(string.upper)
try(string.lower, {})

print("-- rep")
show(("ab"):rep(3), ("ab"):rep(3, ","), ("ab"):rep(1, ","), ("ab"):rep(0), ("ab"):rep(-1), ("ab"):rep(0, ","))
show(("ab"):rep(mini), (""):rep(1000000), (""):rep(5, ""), (""):rep(3, "x"), ("x"):rep(3, ""), ("x"):rep(2.0))
show(string.rep(5, 3), string.rep(1.5, 2, 0), ("ab"):rep("2"), ("-"):rep(10))
try(string.rep, "x", 1.5)
try(string.rep, "x")
try(string.rep)
try(string.rep, "x", "y")
try(string.rep, "x", 3, {})
try(string.rep, "x", 2^31)
try(string.rep, "x", maxi)
try(string.rep, "xx", 2^30)
try(string.rep, "x", 2^30, "y")
try(string.rep, "abc", maxi, "")
try(string.rep, "", maxi, "x")
show(#string.rep("x", 2^20), #string.rep("ab", 1000, "cd"), string.rep("", 100000), string.rep("", 100000, ""))

print("-- reverse")
show(("hello"):reverse(), (""):reverse(), ("a"):reverse(), ("a\0b"):reverse(), string.reverse(123), string.reverse(1.5))
print(#allbytes:reverse(), allbytes:reverse():byte(1), allbytes:reverse():reverse() == allbytes)
try(string.reverse)
try(string.reverse, {})

print("-- the string metatable")
local mt = getmetatable("")
print(type(mt), mt.__index == string, getmetatable("abc") == mt, rawequal(getmetatable(""), mt))
show(("x"):rep(3), ("%d"):format(5), ("abc"):len(), ("abc"):upper(), s:sub(2, 3), s:byte(-1))
show(#s, s:len(), #"", ("a"):byte())
local keys = {}
for k in pairs(mt) do keys[#keys + 1] = k end
table.sort(keys)
print(table.concat(keys, " "))
show(("abc").len == string.len, ("abc").nosuch, ("abc")[1], s.upper == string.upper)
try(function() return ("abc"):nosuch() end)
try(function() local x = "abc"; return x.y.z end)
try(function() local x = "abc"; x.y = 1 end)
try(function() return #5 end)
do
  -- methods can be added through the string table
  string.shout = function(self) return self:upper() .. "!" end
  show(("hey"):shout())
  string.shout = nil
  try(function() return ("hey"):shout() end)
end

print("-- arithmetic on strings")
show("10" + 1, "10" - 1, "10" * 2, "10" / 4, "10" % 3, "10" // 3, "2" ^ 10, -"3", -"3.5", -"0x10")
show("0x10" * 1, "0x10" + 0, "1e1" // 1, "1e1" + 0, " 5 " + 0, "5." + 0, ".5" + 0, "0x.8" + 0, "0xA.8p1" + 0)
show("10" + "20", "3" * "4", "1.5" + "1.5", "7" // "2", "7.0" // "2", "-7" % "3", "7" % "-3", "2" ^ "0.5")
show(10 .. "", "10" + 0.0, math.type("10" + 0), math.type("10.0" + 0), math.type("1e2" + 0), math.type("0x10" + 0))
show("9223372036854775807" + 0, "9223372036854775808" + 0, "-9223372036854775808" + 0, "0xffffffffffffffff" + 0)
show("1" < "2", "10" < "9", "a" < "b", "" < "a", "Z" < "a", "abc" == "abc")
show("10" == 10, "abc" .. 1, 1 .. 2, 1.5 .. "x", -0.0 .. "", 2^63 .. "", mini .. "")
try(function() return "abc" + 1 end)
try(function() return 1 + "abc" end)
try(function() local x = "abc"; return x * 2 end)
try(function() return "abc" - "1" end)
try(function() return -"abc" end)
try(function() return "10" + {} end)
try(function() return {} + "10" end)
try(function() return "1e1" | 1 end)
try(function() return "3" | 1 end)
try(function() return "3.0" & 1 end)
try(function() return "3.5" & 1 end)
try(function() return ~"7" end)
try(function() return "abc" < 1 end)
try(function() return 1 < "2" end)
try(function() return "10" // "0" end)
try(function() return "10" % "0" end)
show("10" // "0.0", "-10" // "0.0", "10" % "0.0" ~= "10" % "0.0")
try(function() return ("x"):bad() end)
try(function() local t = {s = "abc"}; return t.s + 1 end)
try(function() local up = "abc"; return (function() return up + 1 end)() end)
try(function() return ("abc") .. {} end)
try(function() return nil .. "x" end)
do
  local smt = getmetatable("")
  local old = smt.__add
  show(pcall(old, "1", "2"), pcall(old, "a", "2"))
  show(pcall(old, {}, "2"))
  show(pcall(smt.__unm, "5"), pcall(smt.__div, "1", "0"), pcall(smt.__idiv, "1", "0"))
  show(pcall(smt.__mod, "5", "0"), pcall(smt.__mod, "5.5", "2"), pcall(smt.__pow, "2", "3"))
  local v = setmetatable({}, {__add = function(a, b) return "meta" end, __concat = function() return "cat" end})
  show("1" + v, v + "1", "x" .. v, v .. "x")
end
