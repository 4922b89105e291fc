-- the utf8 library (manual §6.5): char, charpattern, codes, codepoint, len, offset, with the
-- reference's treatment of invalid, overlong, surrogate and out-of-range sequences (strict vs lax)

local function hex(s)
  return (s:gsub(".", function(c) return string.format("%02X", c:byte()) end))
end

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  return table.concat(t, " ", 1, t.n)
end

-- pcall and print the message (or the results)
local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  if r[1] then print(label, "ok", show(table.unpack(r, 2, r.n)))
  else print(label, "error", r[2]) end
end

print("charpattern", hex(utf8.charpattern))

-- utf8.char
print(hex(utf8.char()), hex(utf8.char(72, 228, 8364, 0x10FFFF)))
for _, c in ipairs({0, 0x7F, 0x80, 0x7FF, 0x800, 0xFFFF, 0x10000, 0x10FFFF, 0x110000,
                    0x1FFFFF, 0x200000, 0x3FFFFFF, 0x4000000, 0x7FFFFFFF, 0xD800, 0xDFFF}) do
  print(string.format("%X", c), hex(utf8.char(c)))
end
print(utf8.char(65.0), utf8.char("66"), utf8.char(0x48, 0x49))
try("char -1", utf8.char, -1)
try("char 2^31", utf8.char, 0x80000000)
try("char maxint", utf8.char, math.maxinteger)
try("char minint", utf8.char, math.mininteger)
try("char 1.5", utf8.char, 1.5)
try("char str", utf8.char, "x")
try("char nil 2nd", utf8.char, 65, nil)
try("char table 3rd", utf8.char, 65, 66, {})
try("char 2^31 2nd", function() return utf8.char(65, 0x80000000) end)

-- sample strings
local ascii = "hello"
local mixed = "a\u{E4}\u{20AC}\u{1F600}z"        -- 1, 2, 3, 4-byte characters
print(#mixed, hex(mixed))

-- utf8.len
print(utf8.len(""), utf8.len(ascii), utf8.len(mixed))
print(utf8.len(mixed, 2), utf8.len(mixed, 3), utf8.len(mixed, -1), utf8.len(mixed, -5))
print(utf8.len(mixed, 1, 1), utf8.len(mixed, 1, 2), utf8.len(mixed, 2, 3), utf8.len(mixed, 4, 3))
print(utf8.len(mixed, #mixed + 1), utf8.len("", 1), utf8.len("abc", 1, -4), utf8.len("abc", 0 + 1, 0))
try("len i=0", utf8.len, "abc", 0)
try("len i=5", utf8.len, "abc", 5)
try("len i=-4", utf8.len, "abc", -4)
try("len j=4", utf8.len, "abc", 1, 4)
try("len j=-5", utf8.len, "abc", 1, -5)
try("len nil", utf8.len)
try("len table", utf8.len, {})
try("len 1.5", utf8.len, "abc", 1.5)
try("len j str", utf8.len, "abc", 1, "x")
try("len number", utf8.len, 12345)
try("len order", utf8.len, "abc", 10, "x")   -- argument 3 is read before 2 is checked

-- invalid sequences: fail plus the position of the first bad byte
local bad = {
  "\x80", "a\x80", "\xBF", "\xC0\x80", "\xC1\xBF", "\xC2", "\xC2\x41", "\xE0\x80\x80",
  "\xE0\x9F\xBF", "\xE0\xA0\x80", "\xED\x9F\xBF", "\xED\xA0\x80", "\xED\xBF\xBF", "\xEE\x80\x80",
  "\xF0\x8F\xBF\xBF", "\xF0\x90\x80\x80", "\xF4\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF7\xBF\xBF\xBF",
  "\xF8\x88\x80\x80\x80", "\xF8\x87\xBF\xBF\xBF", "\xFB\xBF\xBF\xBF\xBF", "\xFC\x84\x80\x80\x80\x80",
  "\xFC\x83\xBF\xBF\xBF\xBF", "\xFD\xBF\xBF\xBF\xBF\xBF", "\xFE\x80\x80\x80\x80\x80\x80",
  "\xFF\x80\x80\x80\x80\x80\x80\x80", "\xFE", "\xFF", "ab\xE4\xBD", "ab\xE4\xBDc", "\xE4\xBD\xA0\x80",
  "x\xF0\x9F\x98", "\0\xC3\xA4\0",
}
for i, s in ipairs(bad) do
  print(i, hex(s), show(utf8.len(s)), show(utf8.len(s, 1, -1, true)))
end

-- utf8.codepoint
print(utf8.codepoint(ascii), utf8.codepoint(ascii, 2), utf8.codepoint(ascii, -1))
print(utf8.codepoint(ascii, 1, -1))
print(utf8.codepoint(mixed, 1, -1))
print(utf8.codepoint(mixed, 2), utf8.codepoint(mixed, 4), utf8.codepoint(mixed, 7), utf8.codepoint(mixed, 2, 3))
print(select("#", utf8.codepoint(ascii, 3, 2)), select("#", utf8.codepoint("", 1, 0)))
print(utf8.codepoint(mixed, 1, 2))   -- the character that starts at 2 is decoded whole
try("cp at cont", utf8.codepoint, mixed, 3)
try("cp i=0", utf8.codepoint, "abc", 0)
try("cp i=-4", utf8.codepoint, "abc", -4)
try("cp j=4", utf8.codepoint, "abc", 1, 4)
try("cp i=4", utf8.codepoint, "abc", 4)
try("cp empty", utf8.codepoint, "")
try("cp none", utf8.codepoint)
try("cp 2.5", utf8.codepoint, "abc", 2.5)
for i, s in ipairs(bad) do
  local a = table.pack(pcall(utf8.codepoint, s, 1, -1))
  local b = table.pack(pcall(utf8.codepoint, s, 1, -1, true))
  print(i, show(table.unpack(a, 1, a.n)), show(table.unpack(b, 1, b.n)))
end
try("cp surrogate", function() return utf8.codepoint("\u{D7FF}\xED\xA0\x80") end)
print(utf8.codepoint("\xED\xA0\x80\xED\xBF\xBF", 1, -1, true))
print(utf8.codepoint("\xF4\x90\x80\x80\xFD\xBF\xBF\xBF\xBF\xBF", 1, -1, true))
print(utf8.codepoint(utf8.char(0x7FFFFFFF), 1, 1, 1))
print(utf8.codepoint(utf8.char(0x10FFFF)), utf8.codepoint(utf8.char(0xFFFF)))

-- utf8.offset
for _, n in ipairs({-7, -6, -5, -2, -1, 0, 1, 2, 3, 4, 5, 6, 7}) do
  print("offset", n, utf8.offset(mixed, n))
end
for i = 1, #mixed + 1 do
  print("offset at", i, utf8.offset(mixed, 0, i), pcall(utf8.offset, mixed, 1, i))
end
print(utf8.offset(mixed, 2, 4), utf8.offset(mixed, -1, 4), utf8.offset(mixed, 2, -1), utf8.offset(mixed, -1, -5))
print(utf8.offset("", 1), utf8.offset("", 0), utf8.offset("", -1), utf8.offset("", 2))
print(utf8.offset("abc", 4), utf8.offset("abc", 5), utf8.offset("abc", -3), utf8.offset("abc", -4))
print(utf8.offset("abc", 1, 4), utf8.offset("abc", 0, 4), utf8.offset("abc", -1, 4))
print(utf8.offset("\x80\x80\x80", 0, 3), utf8.offset("a\x80\x80", 0, 3), utf8.offset("a\x80\x80", -1))
try("offset i=0", utf8.offset, "abc", 1, 0)
try("offset i=5", utf8.offset, "abc", 1, 5)
try("offset i=-4", utf8.offset, "abc", 1, -4)
try("offset cont", utf8.offset, mixed, 1, 3)
try("offset cont neg", utf8.offset, mixed, -1, 3)
try("offset no n", utf8.offset, "abc")
try("offset n float", utf8.offset, "abc", 1.5)
try("offset huge", utf8.offset, "abc", math.maxinteger)
try("offset -huge", utf8.offset, "abc", math.mininteger)
try("offset i huge", utf8.offset, "abc", 1, math.mininteger)

-- utf8.codes
local acc = {}
for p, c in utf8.codes(mixed) do acc[#acc + 1] = p .. ":" .. c end
print(table.concat(acc, " "))
for p, c in utf8.codes("") do print("never", p, c) end
acc = {}
for p, c in utf8.codes(12) do acc[#acc + 1] = p .. ":" .. c end
print(table.concat(acc, " "))
local function codes(s, lax)
  local out = {}
  local ok, err = pcall(function()
    for p, c in utf8.codes(s, lax) do out[#out + 1] = p .. ":" .. c end
  end)
  return table.concat(out, " ") .. (ok and "" or " | " .. err)
end
for i, s in ipairs(bad) do print(i, codes(s), "|", codes(s, true)) end
print(codes("\xE4\xBD\xA0\x80\x80b"), codes("\x80\x80a"))
local f, s0, c0 = utf8.codes("abc")
print(type(f), s0, c0, f == utf8.codes("xyz"), f == utf8.codes("xyz", true))
print(f("abc", 0), f("abc", 1), f("abc", 2), f("abc", 3), f("abc", -1), f("abc", 100))
print(f("abc", 1.0), f("abc", "2"), f("abc", nil), f("abc", 1.5), f("abc", {}))
print(f("a\u{20AC}b", 2), f("a\u{20AC}b", 3))
try("codes nil", utf8.codes)
try("codes table", utf8.codes, {})
try("codes iter nil", f)
try("codes iter bad", f, "\xFF", 0)
try("codes lax iter", utf8.codes("", true), "\xED\xA0\x80", 0)
try("codes strict iter", utf8.codes(""), "\xED\xA0\x80", 0)

-- charpattern matches one sequence
acc = {}
for ch in mixed:gmatch(utf8.charpattern) do acc[#acc + 1] = hex(ch) end
print(table.concat(acc, " "), #acc)

-- round trips
local all = {}
for _, c in ipairs({0x24, 0xA2, 0x939, 0x20AC, 0xD55C, 0x10348, 0x10FFFF}) do all[#all + 1] = utf8.char(c) end
local str = table.concat(all)
print(utf8.len(str), utf8.codepoint(str, 1, -1))
local back = {}
for _, c in utf8.codes(str) do back[#back + 1] = c end
print(utf8.char(table.unpack(back)) == str)

-- errors raised inside a for loop carry the line
print(pcall(function()
  for _ in utf8.codes("ok\xFF") do end
end))
print(pcall(function() return utf8.codepoint("\xFF") end))
print(select(2, pcall(string.rep)) ~= nil, utf8 == package.loaded.utf8)

-- big slices: as many results as the stack allows
print(pcall(utf8.codepoint, string.rep("a", 2000000), 1, -1))
print(select("#", utf8.codepoint(string.rep("\u{E4}", 50000), 1, -1)))
print(pcall(utf8.len, "abc", 9007199254740993), utf8.len("abc", 1, math.mininteger))
print(utf8.offset("abc", 9007199254740993), utf8.offset("abc", -9007199254740993), pcall(utf8.char, 2^53))
