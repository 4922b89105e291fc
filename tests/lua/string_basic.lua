-- the implemented part of the string library: byte functions, rep, format, metamethods
local s = "hello, world"
print(#s, s:len(), s:upper(), ("ABC"):lower(), s:sub(1, 5), s:sub(-5), s:sub(0), s:sub(8, 100), s:sub(5, 2))
print(s:byte(1), s:byte(-1), s:byte(1, 3), string.char(72, 105), ("x"):rep(3), ("ab"):rep(3, "-"), ("x"):rep(0))
print(("abc"):reverse(), s:find("world"), s:find("o", 6), s:find("xyz"), s:find(".", 1, true))
print(#"\u{10FFFF}", #"héllo", "\255" > "\0", "a\0b" < "a\0c", "Z" < "a")
print(string.format("%d %5d %-5d| %05d %x %X %o %c", 42, 42, 42, 42, 255, 255, 8, 65))
print(string.format("%5.2f %.3e %g %g %g %a", 3.14159, 12345.678, 0.1, 1e20, 100, 1.0))
print(string.format("%s %10s %-10s| %.2s %q", "x", "right", "left", "trunc", "a\nb\"c\0"))
print(string.format("%q %q %q", 1, 0.5, math.mininteger), string.format("%%"))
print(pcall(string.format, "%d", 1.5))
print(pcall(string.format, "%y", 1))
print(pcall(string.rep))
print(pcall(string.char, 256))
print("10" + 1, "3" * "4", "2" ^ 2, -"2", "10" // "3", "7" % "4", "1e1" + 0)
print(pcall(function() return "a" + 1 end))
print(pcall(function() return {} .. "x" end))
print(tostring(12):rep(2), (1.5 .. ""), 2^63 .. "")
local parts = {}
for i = 1, 5 do parts[#parts + 1] = string.format("[%02d]", i) end
print(table.concat(parts, " "))
