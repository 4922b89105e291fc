-- string.pack / string.unpack / string.packsize (manual §6.4.2): every option, sizes 1..16,
-- endianness, alignment, limits and every error message.

local pack, unpack, packsize = string.pack, string.unpack, string.packsize

local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end))
end

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

local function P(fmt, ...)
  local ok, r = pcall(pack, fmt, ...)
  if ok then print(fmt, hex(r)) else print(fmt, "error: " .. r) end
  return ok and r or nil
end

local function U(fmt, s, ...)
  show(fmt, pcall(unpack, fmt, s, ...))
end

local mini, maxi = math.mininteger, math.maxinteger

print("-- fixed-size integers")
for _, f in ipairs({"b", "B", "h", "H", "i", "I", "l", "L", "j", "J", "T"}) do
  for _, v in ipairs({0, 1, -1, 127, 128, -128, -129, 255, 256, 32767, 32768, -32768, 65535, 65536,
      2^31 - 1, 2^31, -2^31, 2^32 - 1, 2^32, maxi, mini}) do
    local v = math.tointeger(v)
    local s = P("<" .. f, v)
    if s then show(unpack("<" .. f, s)) end
  end
  print(f, packsize(f))
end

print("-- i[n] and I[n] for n = 1..16")
for n = 1, 16 do
  for _, v in ipairs({0, 1, -1, 100, -100, 2^(8 * math.min(n, 7) - 1) - 1, -2^(8 * math.min(n, 7) - 1), maxi, mini}) do
    v = math.tointeger(v)
    local s = P("<i" .. n, v)
    if s then show(unpack("<i" .. n, s)) end
    s = P(">I" .. n, v)
    if s then show(unpack(">I" .. n, s)) end
  end
  print("size", n, packsize("i" .. n), packsize("I" .. n))
end
-- values that do not fit a Lua integer when unpacked
U("<i9", "\0\0\0\0\0\0\0\0\1")
U("<i9", "\0\0\0\0\0\0\0\128\255")
U("<i9", "\255\255\255\255\255\255\255\127\255")
U("<i9", "\255\255\255\255\255\255\255\255\255")
U("<I9", "\255\255\255\255\255\255\255\255\0")
U("<I9", "\255\255\255\255\255\255\255\255\255")
U(">i16", string.rep("\255", 16))
U(">i16", string.rep("\0", 15) .. "\1")
U(">i16", "\1" .. string.rep("\0", 15))
U(">I16", string.rep("\0", 8) .. string.rep("\255", 8))
U("<i12", string.rep("\255", 8) .. "\0\0\0\0")
U("<j", "\1\2\3\4\5\6\7\8")
U(">j", "\1\2\3\4\5\6\7\8")
U("<i3", "\255\255\127")
U("<i3", "\0\0\128")
U("<I3", "\0\0\128")
U("<i7", "\255\255\255\255\255\255\255")
U("<I7", "\255\255\255\255\255\255\255")
U("<I6", "\255\255\255\255\255\255")
U("<i6", "\255\255\255\255\255\127")

print("-- integer arguments")
P("i", 3.0)
P("i", "12")
P("i", 1.5)
P("i", "x")
P("i", 2^63)
P("i")
P("i1", 128)
P("i1", -129)
P("I1", -1)
P("I1", 256)
P("I2", 65536)
P("i2", 32768)
P("i4", 2^31)
P("I4", 2^32)
P("i7", 2^55)
P("i8", mini)
P("I8", -1)
P("i16", mini)
P("I16", -1)

print("-- floats")
for _, f in ipairs({"f", "d", "n"}) do
  for _, v in ipairs({0.0, -0.0, 1.0, -1.5, 0.1, 1/3, 1e38, 1e39, 1e-45, 1e308, math.huge, -math.huge, 3, "2.5"}) do
    local s = P("<" .. f, v)
    if s then show(unpack("<" .. f, s)) end
    s = P(">" .. f, v)
    if s then show(unpack(">" .. f, s)) end
  end
  print(f, packsize(f))
end
do
  local s = pack("<d", 0 / 0)
  local x = unpack("<d", s)
  print("nan", x ~= x, #s)
  s = pack("f", 0 / 0)
  x = unpack("f", s)
  print("nan f", x ~= x, #s)
end
P("f", "x")
P("d", {})
P("n")

print("-- strings")
P("z", "hello")
P("z", "")
P("z", "a\0b")
P("s", "hello")
P("s1", "hello")
P("s2", "")
P(">s4", "abc")
P("s1", string.rep("x", 255))
P("s1", string.rep("x", 256))
P("s2", string.rep("x", 65536))
P("c5", "abc")
P("c3", "abc")
P("c2", "abc")
P("c0", "")
P("c", "abc")
P("c1", 5)
P("s", 12)
P("z", 1.5)
P("z", nil)
P("s", {})
P("c10")
U("z", "hello\0world\0")
U("zz", "hello\0world\0")
U("z", "abc")
U("z", "")
U("s1", "\5hello")
U("s1", "\6hello")
U("s1", "\0")
U(">s2", "\0\3abc")
U("<s8", "\3\0\0\0\0\0\0\0abc")
U("<s8", "\255\255\255\255\255\255\255\255abc")
U("<s16", "\1" .. string.rep("\0", 15) .. "x")
U("c3", "abcdef")
U("c3c3", "abcdef")
U("c0", "")
U("c4", "abc")
U("c", "abc")

print("-- padding, alignment and endianness")
P("<i2 x i2", 1, 2)
P("xxx")
P(">i4", 1)
P("<i4", 1)
P("=i4", 1)
P("!4 i1 i4", 1, 2)
P("!8 i1 i8", 1, 2)
P("!2 i1 i8", 1, 2)
P("! i1 d", 1, 2.0)
P("!1 i1 i8", 1, 2)
P("!16 i1 i16", 1, 2)
P("!4 i1 Xi4 i1", 1, 2)
P("!4 i1 Xi2 i1", 1, 2)
P("!4 i1 Xi8 i1", 1, 2)
P("!4 b Xd", 1)
P("i1 Xi4", 1)
P("!4 i3", 1)
P("!4 i1 i3", 1, 2)
P("!4 i1 i6", 1, 2)
P("!8 i1 i5", 1, 2)
P("!4 i1 s4", 1, "ab")
P("!4 i1 z i4", 1, "ab", 3)
P("!4 i1 Xz", 1)
P("!4 i1 Xc1", 1)
P("!4 i1 X", 1)
P("!4 i1 XX", 1)
P("!4 i1 X ", 1)
P("!3 i1 i4", 1, 2)
P("!17", 1)
P("!0", 1)
P("  < > = ", 1)
P(">!4 h Xi4 i4", 1, 2)
U("!4 i1 i4", pack("!4 i1 i4", 7, 9))
U("!4 i1 Xi4 i1", pack("!4 i1 Xi4 i1", 7, 9))
U("!8 b d", pack("!8 b d", 1, 1.5))
U("!2 b d", pack("!2 b d", 1, 1.5))
U("i1 i4", pack("i1 i4", 7, 9))
U("!4 i1 i4", "\7\0\0")
U("xi1", "\0\5")
U("xxi1", "\0\5")
U("Xi1", "\5")

print("-- packsize")
for _, f in ipairs({"", "b", "h", "i", "l", "j", "T", "f", "d", "n", "i3", "c10", "c0", "x", "!8 i1 d", "!4 b i8",
    "!2 b i8", "b Xi4", "!8 b Xi8", "i1 i2 i4 i8", "!i1 i2 i4 i8", "<>=!", "c1000", "i16 i16"}) do
  local ok, r = pcall(packsize, f)
  print(string.format("%q", f), ok, r)
end
show(pcall(packsize, "s"))
show(pcall(packsize, "z"))
show(pcall(packsize, "s1"))
show(pcall(packsize, "i17"))
show(pcall(packsize, "i0"))
show(pcall(packsize, "I17"))
show(pcall(packsize, "s17"))
show(pcall(packsize, "i99999999999"))
show(pcall(packsize, "c2147483647"))
show(pcall(packsize, "c2147483648"))
show(pcall(packsize, "c1073741824c1073741824"))
show(pcall(packsize, "c1073741823c1073741823"))
show(pcall(packsize, "c2147483640 i8"))
show(pcall(packsize, "c99999999999999999999"))
show(pcall(packsize, "y"))
show(pcall(packsize, "c"))
show(pcall(packsize, "X"))
show(pcall(packsize, "Xc"))
show(pcall(packsize, "Xc1"))
show(pcall(packsize, "XX"))
show(pcall(packsize, "Xz"))
show(pcall(packsize, "!3i4"))
show(pcall(packsize, "!3i2"))
show(pcall(packsize, "!16 i16"))
show(pcall(packsize, "i16 !16 i16"))
show(pcall(packsize, "\0i4"))
show(pcall(packsize, "i4\0i4"))
show(pcall(packsize))
show(pcall(packsize, 12))

print("-- invalid options")
P("y", 1)
P("i0", 1)
P("i17", 1)
P("I17", 1)
P("!17", 1)
P("s0", "x")
P("s17", "x")
P("c", "x")
P("%", 1)
P("i4y", 1)
P("\0", 1)
P("i\0i", 1, 2)
U("y", "x")
U("i17", "x")
show(pcall(pack))
show(pcall(pack, {}))

print("-- data string too short and initial positions")
U("i4", "abc")
U("i4", "abcd")
U("i4", "abcde", 2)
U("i4", "abcde", 3)
U("i4", "abcdef", -4)
U("i4", "abcdef", -5)
U("i4", "abcdef", -100)
U("i4", "abcdef", 0)
U("b", "abc", 4)
U("b", "abc", 5)
U("", "abc", 4)
U("", "abc", 5)
U("", "abc", -1)
U("", "", 1)
U("b", "abc", math.maxinteger)
U("b", "abc", math.mininteger)
U("b", "abc", 1.5)
U("b", "abc", "2")
U("d", "1234567")
U("z", "abc", 2)
U("z", "abc\0", 2)
U("s4", "\1\0\0")
U("s4", "\10\0\0\0abc")
U("c2", "a")
U("c2c2", "abc")
U("bbbb", "abc")
U("b")
U(nil, "abc")
U("b", {})

print("-- round trips")
do
  local fmt = "<b B h H i I l L j J T f d n i3 I5 i9 I12 s1 s2 z c4 x Xi8 j"
  local vals = {-5, 250, -300, 60000, -70000, 4000000000, mini, -1, maxi, mini, 12345, 1.5, 0.1, -2.5,
    -8388608, 1099511627775, -3, 12345678901234, "one", "two", "three", "four", 99}
  local s = pack(fmt, table.unpack(vals))
  print(#s, packsize((fmt:gsub("s1 s2 z ", ""))), hex(s))
  show(unpack(fmt, s))
  local t = table.pack(unpack(fmt, s))
  local same = true
  for i = 1, #vals do if t[i] ~= vals[i] and not (i == 12 and t[i] == 1.5) then same = false; print("diff", i, t[i], vals[i]) end end
  print(same, t[t.n], #s + 1)
end
do
  local parts = {}
  for i = 1, 100 do parts[i] = pack(">I2", i * 300) end
  local s = table.concat(parts)
  local pos, sum = 1, 0
  while pos <= #s do
    local v
    v, pos = unpack(">I2", s, pos)
    sum = sum + v
  end
  print(#s, sum, pos)
end
show(unpack("<i2 >i2 =i2", "\1\0\0\1\1\0"))
show(unpack("i1", pack("i1", -1)), unpack("I1", pack("i1", -1)))
show(string.unpack(">I4", "\255\255\255\255"), string.unpack("<i4", "\255\255\255\255"))
print(pcall(function() return pack("i4", 100):unpack() end))
print(("<i2"):unpack("\1\2"), ("z"):unpack("ab\0"), ("i2"):pack(-2):byte(1, -1))
print(pcall(function() return ("i2"):pack(1e10) end))
