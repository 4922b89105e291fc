-- string.format (manual §6.4): every conversion with flags, width and precision, extreme
-- values, %q of every literal kind, %p properties, and the error messages.

local fmt = string.format

local function try(...)
  local ok, r = pcall(fmt, ...)
  if ok then print(string.format("%q", r)) else print("error: " .. r) end
end

local mini, maxi = math.mininteger, math.maxinteger
local inf, nan = math.huge, 0 / 0

print("-- integers")
local ints = {0, 1, -1, 7, 42, -42, 255, 65535, 2^31 | 0, -(2^31 | 0), 2^32 | 0, 2^53 | 0, maxi, mini, 3.0, -0.0}
local intforms = {"%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%+5d", "%-+6d|", "%.3d", "%8.3d", "%-8.3d|",
  "%.0d", "%+.0d", "%x", "%X", "%#x", "%#X", "%08x", "%#10x", "%-#10x|", "%.5x", "%o", "%#o", "%#.0o", "%.0o", "%10o",
  "%u", "%5u", "%-5u|", "%05u", "%#x", "%20d", "%020d", "%-020d|", "%99d"}
for _, f in ipairs(intforms) do
  local row = {}
  for _, v in ipairs(ints) do
    local ok, r = pcall(fmt, f, v)
    row[#row + 1] = ok and r or ("E:" .. r)
  end
  print(f, table.concat(row, ","))
end
try("%d", "10")
try("%d", "0x10")
try("%d", " 12 ")
try("%x", "1e2")
try("%d", 1.5)
try("%d", "1.5")
try("%d", inf)
try("%d", nan)
try("%d", 2^63)
try("%d", -2^63)
try("%d", "abc")
try("%d", {})
try("%d")
try("%x", -1)
try("%o", mini)

print("-- %c")
try("%c", 65)
try("%c", 0)
try("%c", 255)
try("%5c", 66)
try("%-5c|", 67)
try("%c%c%c", 76, 117, 97)
try("%c", 65.0)
try("%c", "65")
try("%c", 1.5)
try("%.2c", 65)
try("%05c", 65)
try("%c", 256)
try("%c", -1)

print("-- floats")
local floats = {0.0, -0.0, 1.0, -1.0, 0.5, 1/3, -2/3, 3.14159265358979, 100.0, 1e15, 1e16, 1e17, 123456789012345678,
  1e100, 1e308, 1.7976931348623157e308, 2.2250738585072014e-308, 5e-324, 1e-5, 1e-4, 0.1, 9.5, 10.5, 0.05, 2.5,
  99999.95, 0.000123456, inf, -inf, nan, 42, -7, maxi, mini}
local floatforms = {"%f", "%.0f", "%.1f", "%.3f", "%10.2f", "%-10.2f|", "%+.2f", "% .2f", "%010.2f", "%#.0f",
  "%e", "%.0e", "%.2e", "%E", "%12.4e", "%-12.4E|", "%+e", "%#.0e", "%g", "%.0g", "%.1g", "%.3g", "%.10g", "%.17g",
  "%G", "%#g", "%#.3g", "%+g", "% g", "%10g", "%-10g|", "%010g", "%F", "%.99f", "%99.2f"}
for _, f in ipairs(floatforms) do
  local row = {}
  for _, v in ipairs(floats) do
    local ok, r = pcall(fmt, f, v)
    row[#row + 1] = ok and r or ("E:" .. r)
  end
  print(f, table.concat(row, ","))
end
try("%f", "1e3")
try("%f", " 0x10 ")
try("%f", "x")
try("%f", nil)
try("%f")
try("%.100f", 1)
try("%100f", 1)
try("%.3F", -0.0)

print("-- %a")
local aforms = {"%a", "%A", "%.0a", "%.1a", "%.3a", "%.13a", "%.20a", "%20a", "%-20a|", "%+a", "% a", "%#a",
  "%020a", "%#.0a", "%.2A", "%+.0A"}
local avals = {0.0, -0.0, 1.0, -1.0, 0.5, 0.1, 1/3, 2.0, 3.0, 10.0, 255.5, 1e300, 1e-300, 5e-324, 2.2250738585072014e-308,
  2.225073858507201e-308, 1.7976931348623157e308, 1.5, 1.9999999999999998, 1.03125, 1.96875, inf, -inf, nan, 7, -12}
for _, f in ipairs(aforms) do
  local row = {}
  for _, v in ipairs(avals) do
    local ok, r = pcall(fmt, f, v)
    row[#row + 1] = ok and r or ("E:" .. r)
  end
  print(f, table.concat(row, ","))
end

print("-- %s")
try("%s", "hello")
try("%s", 42)
try("%s", 1.5)
try("%s", -0.0)
try("%s", 1e100)
try("%s", mini)
try("%s", true)
try("%s", nil)
try("%s|%s", "a", false)
try("%10s|", "abc")
try("%-10s|", "abc")
try("%.2s", "abcdef")
try("%10.2s|", "abcdef")
try("%-10.2s|", "abcdef")
try("%.0s|", "abcdef")
try("%.s|", "abcdef")
try("%s", "a\0b")
try("%5s", "a\0b")
try("%.1s", "a\0b")
try("%s", string.rep("x", 150))
print(#fmt("%5s", string.rep("x", 150)), #fmt("%.99s", string.rep("x", 150)), #fmt("%-99s", "x"))
print(fmt("%s", setmetatable({}, {__tostring = function() return "custom!" end})))
print(fmt("%10s|", setmetatable({}, {__tostring = function() return "custom" end})))
print(pcall(fmt, "%s", setmetatable({}, {__tostring = function() return 1 end})))
print(fmt("%s", setmetatable({}, {__name = "MyType"})):match("^MyType: ") ~= nil)
try("%s")
try("%#s", "x")
try("%+s", "x")
try("%0s", "x")

print("-- %q")
try("%q", "plain")
try("%q", 'with "quotes" and \\ backslash')
try("%q", "line1\nline2\r\n")
try("%q", "\0")
try("%q", "a\0b\0001")
try("%q", "\1\2\0031\0049")
try("%q", "\t\v\f\a\b\27\127")
try("%q", "\128\200\255é")
local allbytes = {}
for i = 0, 255 do allbytes[#allbytes + 1] = string.char(i) end
allbytes = table.concat(allbytes)
local q = fmt("%q", allbytes)
print(#q, load("return " .. q)() == allbytes)
print(q)
try("%q", 0)
try("%q", 1)
try("%q", -1)
try("%q", 42)
try("%q", maxi)
try("%q", mini)
try("%q", mini + 1)
try("%q", 2^53 | 0)
try("%q", 0.0)
try("%q", -0.0)
try("%q", 1.0)
try("%q", 0.5)
try("%q", 1/3)
try("%q", -2.75)
try("%q", 1e100)
try("%q", 2^63)
try("%q", 5e-324)
try("%q", inf)
try("%q", -inf)
try("%q", nan)
try("%q", true)
try("%q", false)
try("%q", nil)
try("%q", {})
try("%q", print)
try("%q", coroutine.create(print))
try("%q")
try("%10q", "x")
try("%-q", "x")
try("%.3q", "x")
for _, v in ipairs({0.1, -1e-300, 123.456, 2^-1074, 1.7976931348623157e308, 3.0, mini, maxi}) do
  local lit = fmt("%q", v)
  local back = load("return " .. lit)()
  print(lit, back == v, math.type(back) == math.type(v))
end

print("-- %p")
local t1, t2 = {}, {}
local f1 = function() end
local co = coroutine.create(f1)
print(fmt("%p", t1) == fmt("%p", t1), fmt("%p", t1) ~= fmt("%p", t2), fmt("%p", f1) == fmt("%p", f1))
print(fmt("%p", co) == fmt("%p", co), fmt("%p", print) == fmt("%p", print), fmt("%p", t1) ~= fmt("%p", f1))
print(fmt("%p", nil), fmt("%p", 1), fmt("%p", 1.5), fmt("%p", true), fmt("%p", false))
print(fmt("%10p|", nil), fmt("%-10p|", 42))
print(fmt("%p", t1):match("^0x%x+$") ~= nil, #fmt("%30p", t1), fmt("%-30p|", t1):sub(-1))
print(fmt("%p", "str") == fmt("%p", "str"))
try("%.3p", t1)
try("%#p", t1)
try("%p")

print("-- %%")
try("%%")
try("100%%")
try("%%%d%%", 5)
try("%5%")
try("%")
try("abc%")

print("-- errors")
try("%y", 1)
try("%w", 1)
try("%b", 1)
try("%n", 1)
try("%l", 1)
try("%L", 1)
try("%h", 1)
try("%ld", 1)
try("%lld", 1)
try("%hd", 1)
try("%zd", 1)
try("%5.2y", 1)
try("%123d", 1)
try("%1234d", 1)
try("%.123f", 1)
try("%.1234f", 1)
try("%100d", 1)
try("%-100d", 1)
try("%99.99f", 1)
try("%0-5d", 1)
try("%-0+#  ++--00d", 1)
try("%--------------------d", 1)
try("%------------------d", 1)
try("%-----------------d", 1)
try("%000000000000000000000000d", 1)
try("%1.2.3d", 1)
try("%#d", 1)
try("%#i", 1)
try("%+x", 1)
try("% x", 1)
try("%+u", 1)
try("%#u", 1)
try("%+c", 1)
try("%#c", 1)
try("%+p", 1)
try("%+q", 1)
try("%d %d", 1)
try("%d %s %f", 1, "x")
try("%\0d", 1)
try("%5\0d", 1)
try("%d\0%d", 1, 2)
try("%*d", 5, 1)
try("%$d", 1)
try(nil)
try({})
try(12)
try(1.5)
try("%d", 1, 2, 3)
try("")

print("-- combined")
print(fmt("%-10s|%5d|%8.3f|%x|%q", "name", 42, math.pi, 255, "q\n"))
print(fmt("%s=%d (%5.1f%%)", "ratio", 3, 42.25))
print(fmt("[%3d] [%-3d] [%03d]", 7, 7, 7))
print(fmt("%.14g %.14g %.14g %.14g", 0.1, 1/3, 100, 2^63))
print(fmt("%5.1s|%-5.3s|", "abc", "abcdef"))
local parts = {}
for i = 1, 10 do parts[i] = fmt("%02x", i * 25) end
print(table.concat(parts, ":"))
print(#fmt(string.rep("%d", 100), table.unpack((function() local t = {} for i = 1, 100 do t[i] = i end return t end)())))
