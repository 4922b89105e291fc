-- Pattern matching (manual §6.4.1): find, match, gmatch, gsub, every class and item kind,
-- and every pattern error. Each check prints results or the pcall'd error message.

local function show(...)
  local t = table.pack(...)
  local parts = {}
  for i = 1, t.n do
    local v = t[i]
    parts[i] = type(v) == "string" and string.format("%q", v) or tostring(v)
  end
  print(table.concat(parts, " "))
end

local function try(f, ...)
  show(pcall(f, ...))
end

-- io is not needed: w() collects pieces, flush() prints them as one line
local pending = {}
local function w(...)
  for i = 1, select("#", ...) do pending[#pending + 1] = tostring((select(i, ...))) end
end
local function flush()
  print(table.concat(pending))
  pending = {}
end

print("-- find with init")
local s = "hello world, hello moon"
for _, init in ipairs({1, 2, 5, 13, 14, 23, 24, 25, 100, 0, -1, -4, -10, -23, -24, -100, math.mininteger, math.maxinteger}) do
  show(init, s:find("hello", init), s:find("o", init), s:find("", init), s:find("o", init, true), s:find("^h", init))
end
show(("abc"):find("", 4), ("abc"):find("", 5), ("abc"):find("$", 3), (""):find(""), (""):find("", 1), (""):find("", 2))
show(("a.b"):find(".", 1, true), ("a.b"):find("%."), ("a+b"):find("+", 1, true), ("a+b"):find("a+b"))
show(s:find("l+"), s:find("(l+)"), s:find("(h)(e)(l)"), s:find("()ll()"))
show(("abc"):find("b", nil), ("abc"):find("b", 1, false), ("abc"):find("b", 1, nil), ("a*c"):find("*", 1, 1))

print("-- match")
show(s:match("hello"), s:match("(h)(e)"), s:match("()o()"), s:match("^(%w+)"), s:match("(%w+)$"))
show(s:match("o", 6), s:match("o", -4), s:match("x"), s:match(".-o"), s:match(".*o"), s:match("^world"))
show(("  trim me  "):match("^%s*(.-)%s*$"), ("key = value"):match("^(%w+)%s*=%s*(%w+)$"))
show(("2024-01-15"):match("(%d+)-(%d+)-(%d+)"), ("x=1, y=22"):match("y=(%d+)"))
show(("[[nested]]"):match("%[%[(.-)%]%]"), ("f(a(b)c)d"):match("%b()"), ("no"):match("%b()"))
show(("aaa"):match("a-"), ("aaa"):match("a-$"), ("aaa"):match("a*"), ("aaa"):match("a+"), ("aaa"):match("a?"), ("baaa"):match("a?"))
show(("abc"):match("^(a)(b)(c)$"), ("abc"):match("((a)(b))"), ("abc"):match("(a(b(c)))"))
show(("hello"):match(".", 10), ("hello"):match("", 6), ("hello"):match("", 7), ("hello"):match("()", 6))
show(("x"):match("()"), ("abc"):match("()", -1), ("abc"):match("a()b()c()"))

print("-- anchors")
show(("aaa"):match("^a"), ("baa"):match("^a"), ("a^b"):match("a^b"), ("a$b"):match("a$b"), ("ab$"):match("b$"))
show(("abab"):gsub("^ab", "X"), ("abab"):gsub("ab$", "X"), ("abab"):gsub("$", "X"), ("abab"):gsub("^", "X"))
show(("x$"):find("$", 1, true), ("x$"):find("%$"), ("a^"):find("^", 1, true), ("a^"):find("a^"))

print("-- gmatch")
local words = {}
for w in ("one two  three"):gmatch("%a+") do words[#words + 1] = w end
show(table.concat(words, ","))
for k, v in ("a=1, b=2, c=3"):gmatch("(%w+)=(%w+)") do w(k, ":", v, " ") end
flush()
for p in ("abc"):gmatch("()") do w(p, " ") end
flush()
for m in ("abc"):gmatch("") do w("[", m, "]") end
flush()
for m in ("aXbXXc"):gmatch("X*") do w("[", m, "]") end
flush()
for m in ("hello world"):gmatch("^%a+") do w("[", m, "]") end -- '^' in gmatch matches only at the start
flush()
for m in ("hello"):gmatch("^") do w("<", m, ">") end
flush()
for m in ("hello world"):gmatch("%a+", 3) do w("[", m, "]") end
flush()
for m in ("hello world"):gmatch("%a+", -3) do w("[", m, "]") end
flush()
for m in ("hello world"):gmatch("%a+", 100) do w("[", m, "]") end
flush()
for m in ("hello world"):gmatch(".", -100) do w(m) end
flush()
for a, b in ("k1=v1;k2=v2"):gmatch("(%w+)=(%w+)") do w(a, "->", b, ";") end
flush()
do
  local it = ("ab"):gmatch(".")
  show(it(), it(), it(), it())
end
try(string.gmatch)
try(string.gmatch, "x")
for m in ("a1b2c3"):gmatch("%d", 4) do w(m) end
flush()

print("-- gsub with string replacement")
show(("hello world"):gsub("o", "0"))
show(("hello world"):gsub("o", "0", 1))
show(("hello world"):gsub("o", "0", 0))
show(("hello world"):gsub("o", "0", -1))
show(("hello world"):gsub("o", "0", 2.0))
try(string.gsub, "hello world", "o", "0", 1.5)
show(("hello world"):gsub("(o)", "[%1]"))
show(("hello world"):gsub("o", "[%0]"))
show(("hello world"):gsub("(l)(l)", "%2%1"))
show(("hello world"):gsub("%w+", "%0 %0"))
show(("hello"):gsub("", "-"))
show(("hello"):gsub(".", "%%"))
show(("abc"):gsub("%w", "%%%0%%"))
show(("abc"):gsub("b", "%1")) -- %1 with no captures is the whole match
try(string.gsub, "abc", "b", "%2")
try(string.gsub, "abc", "(b)", "%2")
try(string.gsub, "abc", "b", "%x")
try(string.gsub, "abc", "b", "%")
try(string.gsub, "abc", "b", "x%")
show(("abc"):gsub("x", "%y")) -- no match: the replacement is never checked
show(("abc"):gsub("()", "%1"))
show(("abc"):gsub("b()", "%1"))
show(("a,b,,c"):gsub(",", ";"))
show(("abc"):gsub(".", {a = 1, b = false}))
try(string.gsub, "abc", ".", {a = 1, b = true})
show(("one two"):gsub("(%w+) (%w+)", "%2 %1"))
try(string.gsub, "x", "x", "%9")
show(string.gsub("abc", "b", 5), string.gsub("a1b", "%d", 2.5), string.gsub(123, 2, 9))

print("-- gsub with table replacement")
local vars = {name = "Lua", version = "5.4", n = 42, f = 1.5, no = false}
show(("$name $version $n $f $no $missing"):gsub("%$(%w+)", vars))
show(("abc"):gsub("%w", {a = "A"}))
show(("abc"):gsub("(%w)(%w)", {a = "X", ab = "Y"}))
try(string.gsub, "abc", "%w", {a = {}})
try(string.gsub, "abc", "%w", {a = print})
local proxy = setmetatable({}, {__index = function(_, k) return k:upper() end})
show(("abc def"):gsub("%w+", proxy))

print("-- gsub with function replacement")
show(("hello world"):gsub("%w+", function(w) return w:upper() end))
show(("hello world"):gsub("%w+", function(w) return nil end))
show(("hello world"):gsub("%w+", function(w) return false end))
show(("hello world"):gsub("(%w)(%w*)", function(a, b) return a:upper() .. b end))
show(("abc"):gsub("%w", function(c) return c:byte() end))
show(("abc"):gsub("%w", function(c) return c:byte() + 0.5 end))
show(("abc"):gsub("()", function(p) return p end))
show(("x = 1 + 2"):gsub("(%d+) %+ (%d+)", function(a, b) return tostring(a + b) end))
try(string.gsub, "abc", "%w", function() return {} end)
try(string.gsub, "abc", "%w", function() return true end)
try(string.gsub, "abc", "%w", function() error("inside") end)
print(select(2, pcall(string.gsub, "abc", "%w", function() error({}) end)) ~= nil)
local count = 0
show(("aaaa"):gsub("a", function() count = count + 1; return count end, 3), count)
try(string.gsub, "abc", "b", true)
try(string.gsub, "abc", "b")
try(string.gsub, "abc")

print("-- classes")
local all = {}
for i = 0, 255 do all[#all + 1] = string.char(i) end
all = table.concat(all)
for _, cl in ipairs({"a", "c", "d", "g", "l", "p", "s", "u", "w", "x"}) do
  local yes = all:gsub("[^%" .. cl .. "]", "")
  local no = all:gsub("%" .. cl, "")
  local big = all:gsub("%" .. cl:upper(), "")
  print(cl, #yes, string.format("%q", yes:sub(1, 20)), #no, #big, yes == big and "same" or "ok")
end
show(all:gsub("%z", ""):len(), ("a\0b"):find("%z"), ("a\0b"):find("%Z+"))
show(("a.b-c"):gsub("%.", "!"), ("a.b-c"):gsub("%-", "!"), ("100%"):gsub("%%", " percent"))
show(("x]y"):gsub("%]", "!"), ("x^y"):gsub("%^", "!"), ("a(b)"):gsub("[%(%)]", ""))
show(("hello"):gsub("%q", "!")) -- escaped non-class letter is literal

print("-- sets")
show(("Hello World 123"):gsub("[a-z]", "."))
show(("Hello World 123"):gsub("[^a-z]", "."))
show(("Hello World 123"):gsub("[A-Z%d]", "."))
show(("a-b-c"):gsub("[-]", "+"), ("a-b-c"):gsub("[a-]", "+"), ("a-b-c"):gsub("[b-]", "+"))
show(("a]b"):gsub("[]]", "+"), ("a]b"):gsub("[^]]", "+"), ("a^b"):gsub("[b^]", "+"), ("a^b"):gsub("[%^]", "+"))
show(("abc-xyz"):gsub("[a-c-x]", "+"), ("a%b"):gsub("[%%]", "+"), ("a.b"):gsub("[.]", "+"))
show(("a1_B2"):gsub("[%w_]", "+"), ("tab\tnl\n"):gsub("[%s]", "+"), ("aeiou"):gsub("[^aeiou]", "+"))
show(("zZ09"):gsub("[z-a]", "+"), ("zZ09"):gsub("[0-9a-zA-Z]", "+"), ("\200\201"):gsub("[\200-\255]", "+"))
show(("a]"):match("[a]]"), ("a]"):match("[%a]]"), ("-"):match("[%-]"), ("["):match("[[]"))

print("-- quantifiers and backtracking")
show(("aaab"):match("a*ab"), ("aaab"):match("a-ab"), ("aaab"):match("a+b"), ("b"):match("a*b"))
show(("<<a>><<b>>"):match("<<(.-)>>"), ("<<a>><<b>>"):match("<<(.*)>>"))
show(("abc"):match("a?b?c?d?"), ("ac"):match("ab?c"), ("abbc"):match("ab?c"))
show(("aaa"):find("a-", 2), ("aaa"):find("a*", 4), ("   x"):find("%s*x"))
show(("[1,2,3]"):match("^%[(.*)%]$"), ("key:val:more"):match("^(.-):(.*)$"))

print("-- %b")
show(("(a(b)c) (d)"):gsub("%b()", "X"))
show(("{a{b}c}"):match("%b{}"), ("[[x]"):match("%b[]"), ("aXbYc"):match("%bXY"), ("xx"):match("%bxx"))
show(("if a then b end end"):match("%bie"))
try(string.find, "abc", "%b")
try(string.find, "abc", "%ba")
show(("((x)"):find("%b()"), ("x)"):find("%b()"))

print("-- %f")
show(("THE (quick) fox"):gsub("%f[%a]%a+", "W"))
show(("hello world"):gsub("%f[%w]", "|"), ("hello world"):gsub("%f[%W]", "|"))
show(("foo bar"):find("%f[%a]"), ("foo bar"):find("%f[%a]", 2), ("x"):find("%f[%z]"), ("x\0y"):find("%f[%z]"))
show(("aaa"):find("%f[^a]"), ("THE END"):match("%f[%u]%u+%f[%U]"))
try(string.find, "abc", "%f")
try(string.find, "abc", "%fa")
try(string.find, "abc", "%f[a")

print("-- position captures and back-references")
show(("hello"):match("()ll()"), ("hello"):find("()"), ("hello"):gsub("()", "%1"))
show(('say "hi" and "bye"'):match('(["\'])(.-)%1'), ("abcabc"):match("(abc)%1"), ("abab"):find("(a)(b)%1%2"))
show(("xyyx"):match("(x)(y)%2%1"), ("aa"):match("(a)%1"), ("ab"):match("(a)%1"))
show(("a=a b=c"):gsub("(%w)=%1", "same"))
try(string.match, "aa", "(a)%2")
try(string.match, "aa", "%1")
try(string.match, "aa", "(a%1)")
show(pcall(string.match, "aa", "()%1"))
try(string.match, "aa", "%0")

print("-- pattern errors")
try(string.find, "abc", "%")
try(string.find, "abc", "a%")
try(string.find, "abc", "[a")
try(string.find, "abc", "[a-")
try(string.find, "abc", "[")
try(string.find, "abc", "[^")
try(string.find, "abc", "[%")
try(string.find, "abc", "[]")
try(string.find, "abc", "[^]")
try(string.find, "abc", "(")
try(string.find, "abc", "(a")
try(string.find, "abc", "a)")
try(string.find, "abc", ")")
try(string.find, "abc", "(()")
try(string.match, "abc", "((a)")
try(string.gsub, "abc", "(", "x")
try(string.gmatch("abc", "("))
try(string.gmatch("abc", "%"))
try(string.find, "", "%")
try(string.find, "abc", "[%a")
try(string.find, "abc", "%g[")
try(string.match, "a", string.rep("(", 33) .. "a" .. string.rep(")", 33))
show(pcall(string.match, "a", string.rep("(", 32) .. "a" .. string.rep(")", 32)))
try(string.find, "abc", "%a", "x")
try(string.find, nil, "a")
try(string.find, "a")
try(string.match, {}, "a")

print("-- pattern too complex")
-- each '?' item recurses (the reference limits recursion with MAXCCALLS = 200)
for _, n in ipairs({10, 150, 197, 198, 199, 200, 201, 250, 1000, 100000}) do
  local pat = string.rep("a?", n)
  local ok, r = pcall(string.match, string.rep("a", n), pat)
  print(n, ok, ok and #r or r)
end
for _, n in ipairs({100, 198, 199, 200, 300}) do
  local pat = string.rep("(", n) .. string.rep(")", n)
  local ok, r = pcall(string.find, "x", pat)
  print("captures", n, ok, ok and r or r)
end
-- each '*' trial recurses once (the subject is short: the backtracking is exponential)
for _, n in ipairs({100, 198, 199, 200, 201, 300}) do
  local ok, r = pcall(string.match, "aa", string.rep("a*", n) .. "b")
  print("star", n, ok, r)
  ok, r = pcall(string.match, "aa", string.rep("a-", n) .. "$")
  print("minus", n, ok, r)
end
-- long subjects with single items never hit the limit
do
  local big = string.rep("ab", 100000)
  show(#big:match(".*"), #big:match("[ab]*"), #big:match(".-$"), big:find("b", -1), #big:gsub("a", ""), select(2, big:gsub("ab", "")))
  show(#big:match("(.-)$"), big:match("^(a)"), #(big .. "c"):match("%w+c"), big:find("c"))
  show(select(2, big:gsub("%f[a]", "")), #big:match("%b" .. "ab"), big:match("(ab)%1%1"))
end
