-- Guards of the string-library fast paths (docs/performance.md, "String library and string
-- building"): bare string.format conversions, %f through toFixed, the short-result string
-- builder of gsub, upper/lower through JS case mapping, number parsing for tonumber, and the
-- CONCAT of more than two values. Each call site sees values of changing types.

-- 1. string.format: bare %d %i %s %f %g against every kind of argument, in one call site
local function fmt(f, v) return pcall(string.format, f, v) end
local values = { 0, -0, 1, -1, 3.0, -0.0, 3.5, 2^53, 2^63, -2^63, math.maxinteger, math.mininteger,
  1e15, 1e100, 1/0, -1/0, 0/0, "10", " 0x10 ", "3.0", "3.5", "1e2", "abc", "", true, nil, {},
  0.1, 1/3, 123456789012, 1e-5, 5e-324, 2^-1074 * 3 }
for _, f in ipairs({ "%d", "%i", "%s", "%f", "%g", "%5d", "%-5d|", "%05d", "%+d", "%.3d", "%x",
  "%.4f", "%5.2f", "%.0f", "%#.0f", "%.14g", "%e", "%10.3s|", "%.1s" }) do
  io.write(f, ": ")
  for _, v in ipairs(values) do
    local ok, r = fmt(f, v)
    io.write(ok and r or ("E(" .. tostring(r) .. ")"), " ")
  end
  print()
end
-- missing arguments, several items, %% and trailing text, a lone % at the end
print(pcall(string.format, "%d"), pcall(string.format, "%d %s", 1))
print(string.format("a%%b%dc%sd%fe%gf", 1, "x", 2.5, 1e20), string.format("%d%d%d", 1, 2, 3))
print(pcall(string.format, "abc%"), pcall(string.format, "%y", 1), pcall(string.format, "%10q", 1))
print(string.format("%s|%s", "a\0b", 12) == "a\0b|12", #string.format("%s", ("x"):rep(1000)))
-- __tostring and __name through bare %s; a __tostring returning a non-string
local obj = setmetatable({}, { __tostring = function() return "OBJ" end })
local named = setmetatable({}, { __name = "MyType" })
print(string.format("%s %s", obj, 1), (string.format("%s", named):gsub("0x%x+", "ADDR")))
print(pcall(string.format, "%s", setmetatable({}, { __tostring = function() return {} end })))
print(pcall(string.format, "%s", setmetatable({}, { __tostring = function() return 42 end })))
-- ties and near-ties of %f (round half to even on the exact binary value)
for _, x in ipairs({ 0.5, 1.5, 2.5, -2.5, 0.125, 0.375, 1.005, 2.675, 1e21, 1e22, 123.456, -0.0,
  0.0, 5e-7, 4.5e-6, 9.5, 99.5, 0.05 }) do
  io.write(string.format("%.0f %.1f %.2f %f %.20f|", x, x, x, x, x))
end
print()
-- the format string changes type mid-loop (number formats are strings too)
for _, f in ipairs({ "%d", 12, "%s", 1.5 }) do print(pcall(string.format, f, 7)) end

-- 2. gsub results short and long (the builder switches representation at 256 bytes)
local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\t'] = '\\t' }
for _, n in ipairs({ 0, 1, 10, 60, 63, 64, 65, 100, 300, 2000 }) do
  local s = ('a"b\\c\td\n'):rep(n)
  local r, k = s:gsub('["\\\n\t]', escapes)
  local r2, k2 = s:gsub("%a", "%0%0")
  local r3 = s:gsub(".", { a = false, b = "BB" })
  local r4 = s:gsub("(%a)(%A)", function(x, y) if x == "c" then return nil end return y .. x end)
  print(n, #r, k, #r2, k2, #r3, #r4, r:sub(1, 20), r2:sub(-10), r3:sub(1, 12), r4:sub(1, 12))
end
-- one long piece among short ones, and the replacement string with captures
local long = ("xyz"):rep(200)
print(#(("a" .. long .. "b"):gsub("y", "")), #(("ab"):rep(100) .. long):gsub("a", long))
print(("hello world"):gsub("(o)", "[%1%0]"), ("abc"):gsub("", "-"), ("abc"):gsub("b*", "X"))
print(pcall(string.gsub, "abc", "b", "%2"), pcall(string.gsub, "abc", "b", "%x"))
print(("a\0b\0c"):gsub("\0", "%%") == "a%b%c", ("\0\0"):gsub("%z", "z"))
print(("THE (quick) fox"):gsub("%f[%a]%a+", string.lower), ("x"):gsub("^", ">"), ("x"):gsub("$", "<"))
print(("abc"):gsub("%w", { a = 1, b = 2.5 }), pcall(string.gsub, "abc", "%w", { a = {} }))

-- 3. upper/lower: ASCII strings and bytes >= 128 (the C locale changes only a-z/A-Z)
for _, s in ipairs({ "", "abc", "ABC", "MiXeD 123 !?", "caf\xe9 \xc0\xe0\xdf\xb5\xff\xfe", "\xe0abc",
  "abc\xe0", "a\0b", ("aB"):rep(100) .. "\xe9" }) do
  local u, l = s:upper(), s:lower()
  print(#u, #l, (u:gsub("[\128-\255]", function(c) return "<" .. c:byte() .. ">" end)),
    (l:gsub("[\128-\255]", function(c) return "<" .. c:byte() .. ">" end)))
end
print(pcall(string.upper), pcall(string.lower, {}), string.upper(12), string.lower(1.5))

-- 4. tonumber and the string -> number coercions
for _, s in ipairs({ "0", "-0", "123", "-123", "+5", " 42 ", "\t7\n", "1e2", "0x10", "-0x10",
  "999999999999999", "9999999999999999", "9223372036854775807", "9223372036854775808",
  "-9223372036854775808", "-9223372036854775809", "1.5", ".5", "5.", "0x1p4", "1 2", "", " ",
  "12a", "a12", "1e", "--1", "- 1", "inf", "nan", "1\0", "00012", "0x", "3.0" }) do
  local v = tonumber(s)
  io.write(string.format("[%s]=%s:%s ", s:gsub("%z", "\\0"), tostring(v), math.type(v)))
end
print()
print(tonumber("10", 16), tonumber("zz", 36), tonumber("7", 2), "10" + 1, "3" * "4", "2.5" + 0)

-- 5. CONCAT of several values: strings, integers, floats, -0.0, a __concat in the middle
local cc = setmetatable({}, { __concat = function(a, b)
  return (type(a) == "table" and "T" or a) .. (type(b) == "table" and "T" or b) end })
local pieces = { "a", 1, 2.5, -0.0, 2^63, math.mininteger, "", ("z"):rep(70) }
for i = 1, #pieces do
  for j = 1, #pieces do
    local x, y = pieces[i], pieces[j]
    io.write(#(x .. y .. x), ":", (x .. y):sub(1, 8), " ")
  end
end
print()
print("x" .. 1 .. cc .. 2 .. "y", cc .. "a" .. "b", "a" .. "b" .. cc, pcall(function() return "a" .. {} .. "b" end))
local acc = ""
for i = 1, 200 do acc = acc .. i .. "," .. (i % 3 == 0 and 1.5 or i) end
print(#acc, acc:sub(-20))

-- 6. table.concat with numbers, separators and long pieces
print(table.concat({ 1, 2.5, "x", -0.0, 2^63 }, ", "), table.concat({}, "x"), table.concat({ "a" }, "x"))
print(pcall(table.concat, { 1, {}, 3 }), pcall(table.concat, { 1, 2 }, ",", 1, 3))
print(#table.concat({ long, long, "a" }, long), table.concat({ "a", "b", "c" }, "", 2, 3))

-- 7. pattern matching: leading captures (start positions skipped by their first item), class
-- repetitions (%a+ %S* [^x]+), literal runs, on short and long (>= 128 bytes) subjects
local subjects = { "the quick brown fox 42 times; X=7 lazy dogs $5 a$b 100%% [ok] \0 end",
  ("the quick brown fox 42 times; X=7 lazy dogs $5 a$b 100%% [ok] \0 end "):rep(5), "", "7" }
local pats = { "(%d+)", "()(%a)", "((%d))", "(%u)", "(%s*)(%w+)", "(()%d)", "(((((((((%d)))))))))",
  "(%A+)", "%A+", "%d*", "%z+", "%%+", "(%$%d)", "a%$b", "a$b", "(%[)(%a+)%]", "[^%s]+", "[%a_]+",
  "o-x", "ab?c", "x?y?z?", "q.i", "%w+=%w+", "(%w+)=(%w+)", "%f[%w]%w+", "%f[%W]", "(.-)%s",
  "^(%w+)", "(h)(e)", "e%f[ ]", "[aeiou]", "(.)%1", "(%a)%1", "%bxy", "(%b[])", "%S+$", "()" }
for _, s in ipairs(subjects) do
  for _, p in ipairs(pats) do
    local n, first, last = 0, nil, nil
    for a, b in s:gmatch(p) do
      n = n + 1
      first = first or tostring(a) .. "," .. tostring(b)
      last = tostring(a) .. "," .. tostring(b)
    end
    local r, k = s:gsub(p, "<%0>")
    io.write(p, " ", n, " ", tostring(first), " ", tostring(last), " ", k, " ", #r, " ",
      table.concat({ s:find(p) }, ","), " ", table.concat({ s:find(p, 20) }, ","), " ",
      tostring((s:match(p))), "|")
  end
  print()
end
-- errors raised before any skip: too many captures with a literal after them, unfinished ones
local many = ("("):rep(33) .. "q" .. (")"):rep(33)
print(pcall(string.find, "abc", many), pcall(string.gsub, "abc", many, ""))
print(pcall(string.find, "aqc", ("("):rep(9) .. "q" .. (")"):rep(9)))
print(pcall(string.match, "abc", "(b"), pcall(string.find, ("x"):rep(200) .. "b", "(b"))
print(pcall(string.gsub, "abc", "(%w", ""), pcall(string.find, "abc", "%"), pcall(string.find, "abc", "[a"))
print(pcall(string.gmatch("x=1", "(%w+)=(%1)")), pcall(string.find, ("ab"):rep(100), "(%d)%2"))

-- 8. gsub with a replacement function: results none/false/nil/several/numbers, errors inside,
-- yields (not allowed across gsub), nesting, and the stack around the call
print(("abc"):gsub("%w", function() end), ("abc"):gsub("%w", function() return false end))
print(("abc"):gsub("%w", function(c) return c:upper(), "ignored" end), ("abc"):gsub("(%w)", function(c) return 1.5 end))
print(("a1b2"):gsub("(%a)(%d)", function(a, d) return d .. a end), ("abc"):gsub("()", function(p) return p end))
print(pcall(string.gsub, "abc", "%w", function(c) error("boom " .. c) end))
print(select(2, pcall(string.gsub, "abc", "%w", function(c) error({ c }) end))[1])
print(pcall(string.gsub, "abc", "%w", function(c) return {} end))
print(coroutine.resume(coroutine.create(function()
  return ("abc"):gsub("%w", function(c) coroutine.yield(c) return c end) end)))
local depth = 0
local function nest(s)
  depth = depth + 1
  if depth > 300 then return s end
  return (s:gsub(".", nest))
end
print(pcall(nest, "x"), depth)
local function vararg(...) return select("#", ...), ... end
print(("key=val, a=b"):gsub("(%w+)=(%w+)", function(...) return table.concat({ vararg(...) }, ":") end))
local big = ("ab"):rep(150)
print(#big:gsub("(a)(b)", function(a, b) local t = {} for i = 1, 50 do t[i] = i end return b .. a .. #t end))
print(select("#", ("abc"):gsub("b", function() return nil end)), ("a.b"):gsub("%.", function() return "%1" end))

-- 9. table.concat around the few-pieces path (< 16 pieces, plain tables only)
for _, n in ipairs({ 0, 1, 2, 15, 16, 17, 40 }) do
  local t = {}
  for i = 1, n do t[i] = i % 3 == 0 and i * 0.5 or (i % 3 == 1 and "s" .. i or i) end
  local proxy = setmetatable({}, { __index = t, __len = function() return n end })
  print(n, table.concat(t), table.concat(t, ", ", 2), (select(2, pcall(table.concat, t, "-", 3, 5))), table.concat(proxy, "+"),
    pcall(table.concat, t, ",", 1, n + 1))
end
local holes = { "a" }
holes[3] = "c"
print(pcall(table.concat, holes), pcall(table.concat, { "a", true }), pcall(table.concat, { {} }, ","))
print(table.concat({ "a", "b" }, "", 2, 1), table.concat({ "a", "b" }, "", 0, -1), pcall(table.concat, {}, "", 1, 2))
print(table.concat({ 1, 2, 3 }, 4), table.concat({ 2^63, -0.0, 1e100 }, " "), pcall(table.concat, { 1 }, {}))

-- 10. patterns used often on short subjects (set tables are built for "hot" patterns), a
-- pattern longer than the pattern cache, and string.char with few and many arguments
local setpats = { '["\\\n\t]', "[^ \t\r\n]", "[%a_][%w_]*", "[%]%-]", "[a-c-]+", "[^%d%s]+", "[]]", "[^]]",
  "%f[%w]%w+", "[\0-\31]", "[\128-\255]+" }
local short = { "plain name", 'a "quoted"\tname', "x-y]z", "  lead", "", "_id9 x1", "caf\xe9\0\1", "]]]" }
for round = 1, 20 do
  local acc = {}
  for _, p in ipairs(setpats) do
    for _, s in ipairs(short) do
      local r, k = s:gsub(p, "#")
      acc[#acc + 1] = k .. (s:find(p) or "-") .. (round == 20 and r or "")
    end
  end
  if round == 1 or round == 20 then print(table.concat(acc, " ")) end
end
local longpat = ("[ab]"):rep(70) .. "(c)"
for round = 1, 20 do
  local s = ("ab"):rep(35) .. "c" .. ("ba"):rep(40) .. "c"
  local a, b, c = s:find(longpat)
  if round == 1 or round == 20 then print(#longpat, a, b, c, s:match(longpat), (s:gsub(longpat, "%1"))) end
end
print(pcall(string.find, "abc", "[a"), pcall(string.gsub, ("x"):rep(300), "[%", ""))
print(string.char(), string.char(72, 105), string.char(0, 255, 10), #string.char(table.unpack((function()
  local t = {} for i = 1, 300 do t[i] = i % 256 end return t end)())))
for _, args in ipairs({ { 256 }, { 65, -1 }, { "66", 67.0 }, { 1.5 }, { 1, 2, 3, 4, 5, 6, 7, 8, 9, {} },
  { 1, 2, 3, 4, 5, 6, 7, {} }, { nil }, { 2^63 }, { math.mininteger } }) do
  print(pcall(string.char, table.unpack(args, 1, #args == 0 and 1 or #args)))
end

-- 11. string.format specifications: every flag with every conversion, widths, precisions,
-- and the invalid ones (checked and parsed in one pass)
local convs = { "d", "i", "u", "c", "x", "X", "o", "e", "E", "f", "F", "g", "G", "a", "A", "s", "q", "p" }
local specs = { "", "-", "+", " ", "#", "0", "-0", "0-", "+ ", "--", "5", "-5", "05", "+05", "99", "100", ".",
  ".0", ".3", "8.3", "-8.3", "08.3", ".99", ".100", "#8.3", " 8", "#x", "+-0 #12.10" }
for _, conv in ipairs(convs) do
  local line = {}
  for _, sp in ipairs(specs) do
    local arg = (conv == "s" or conv == "q") and "hi" or (conv == "p" and {}) or 65
    local ok, r = pcall(string.format, "%" .. sp .. conv, arg)
    if conv == "p" and ok then r = r:gsub("0x%x+", "ADDR"):gsub(" +", " ") end
    line[#line + 1] = ok and ("[" .. r .. "]") or r:gsub("^.-: ", "")
  end
  print(conv, table.concat(line, " "))
end
print(pcall(string.format, "%" .. ("1"):rep(30) .. "d", 1), pcall(string.format, "%10.3", 1))
print(string.format("%-5c|%5c|%c", 65, 66, 67), string.format("%5.1s|%.0s|%-3s|", "abc", "abc", "abc"))
print(string.format("%5s|%-5s|", ("x"):rep(120), ("y"):rep(3)):len(), string.format("%.3s", ("x"):rep(120)))
print(pcall(string.format, "%5s", "a\0b"), pcall(string.format, "%s", "a\0b"))
print(string.format("%5.2f|%-8.3e|%+.0f|% .1f|%08.2f|%#.0e|%#x|%#o", 3.14159, 1234.5, 2.5, 1.25, -3.5, 1.0, 255, 8))
