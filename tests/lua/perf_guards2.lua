-- Guards of the inline string.byte/string.sub calls (vm/builtins.ts) and the pooled match
-- states of find/match/gsub (stdlib/string.ts): unusual arguments, redefined functions,
-- a changed string metatable, nested and failing matches.

-- 1. string.byte and string.sub with every kind of position, in one call site each
local s = "hello world"
local function byte1(x, i) return x:byte(i) end
local function sub2(x, i, j) return x:sub(i, j) end
local function sub1(x, i) return x:sub(i) end
local positions = { 1, 11, 12, 0, -1, -11, -12, 5, 2.0, 3.5, "3", " 2 ", math.maxinteger,
  math.mininteger, 2^31, -2^31, 2^53 }
for _, i in ipairs(positions) do
  print("byte", i, pcall(byte1, s, i))
  print("sub1", i, pcall(sub1, s, i))
  for _, j in ipairs(positions) do
    local ok, r = pcall(sub2, s, i, j)
    io.write(tostring(ok), ":", tostring(r), "|")
  end
  print()
end
print(pcall(byte1, s, nil), pcall(byte1, s, {}), pcall(sub2, s, nil), pcall(sub2, s, 1, false))
print(pcall(byte1, 12345, 2), pcall(sub2, 12345, 2, 3), pcall(byte1, nil, 1))
print(s:byte(), (""):byte(), select('#', (""):byte()), select('#', s:byte(12)), s:byte(1, -1))
print(("\0\255\128"):byte(1, 3), ("\0\255"):sub(2, 2) == "\255", (""):sub(1), (""):sub(0, 0))
local t = { s:byte(3) }
local u = { s:sub(3, 4), s:sub(-2) }
print(#t, t[1], #u, u[1], u[2])
local a, b, c = s:byte(2)
print(a, b, c)
local d, e = s:sub(1, 1)
print(d, e)
print((s:sub(2, 3)), string.byte(s, 4), string.sub(s, 5, 6))

-- 2. the functions called through other routes
local byte, sub = string.byte, string.sub
print(byte(s, 1), sub(s, 7), pcall(byte), pcall(sub))
print(select(2, pcall(string.byte, s, 1)), table.unpack({ sub(s, 1, 3) }))

-- 3. a redefined string.byte / string.sub, then a replaced __index, then restored
local origByte, origSub = string.byte, string.sub
local acc = {}
for round = 1, 4 do
  if round == 2 then
    string.byte = function(x, i) return "byte:" .. tostring(i) end
    string.sub = function(x, i, j) return "sub:" .. tostring(i) .. "," .. tostring(j) end
  elseif round == 3 then
    string.byte, string.sub = origByte, origSub
    getmetatable("").__index = { byte = function() return -1 end, sub = origByte }
  elseif round == 4 then
    getmetatable("").__index = string
  end
  for i = 1, 3 do acc[#acc + 1] = tostring(s:byte(i)) .. "/" .. tostring(s:sub(i, i + 1)) end
end
print(table.concat(acc, " "))
local fake = setmetatable({}, { __index = { byte = origByte } })
print(pcall(function() return fake:byte(1) end))
print(pcall(origByte, setmetatable({}, { __tostring = function() return "x" end }), 1))

-- 4. pooled match states: nested use from a gsub replacement, errors in the middle
local nested = ("a1 b2 c3"):gsub("%a(%d)", function(d)
  local x, y = ("zz" .. d .. "zz"):find("(%d)")
  local inner = ("q" .. d):gsub("%a", function(c) return c:upper() .. (("k9"):match("%d")) end)
  return "[" .. x .. y .. inner .. "]"
end)
print(nested)
print(pcall(string.find, "abc", "[a"), pcall(string.match, "abc", "(()"), pcall(string.gsub, "abc", "%", "x"))
print(("key = value"):match("^(%w+)%s*=%s*(%w+)$"), ("[[x]]"):find("[[]", 2), ("aaa"):find("a-", 2))
print(pcall(string.gsub, "abc", "%w", function(c) if c == "b" then error("stop at " .. c) end return c end))
print(("hello"):gsub("l", { l = "L" }), ("hello"):find("l+"), ("hello"):match(".-(l+)(o)"))
for _, p in ipairs({ "[^ \t]", "%s*", "(%a+)", "[%]]", "%f[%w]%w+" }) do
  print(p, ("  ab] cd"):find(p), ("  ab] cd"):match(p, 3), (("  ab] cd"):gsub(p, "<%0>")))
end
-- a long subject (set tables) and a short one with the same pattern alternate
local long = string.rep("xy z", 100) .. "]"
for _ = 1, 3 do print(long:find("[%]z]", 10), ("z]"):find("[%]z]"), long:find("[^xyz ]")) end

-- 5. patterns starting with a single-char class (start positions skipped with the class)
local subj = "  ab] cd%x$y(z)--12 " .. string.rep("q", 130) .. "A1"
local pats = { "[aeiou]", "%d+", "%u%d", "[%]%$]", "%$y", "$y", "%%x", "[^%s]+", "%a(%a)", "%s*",
  "%d?", "[q]-A", "[", "[a", "%", "%g%", "q(", "%b()", "%f[%a]%a", "(%d)%1", "%1", "[^\0-\127]",
  "x%", "%z", "$", "[%w_]+$", "%p%p", "q+A%d" }
for _, p in ipairs(pats) do
  local r1 = table.pack(pcall(string.find, subj, p))
  local r2 = table.pack(pcall(string.match, subj, p, 5))
  local r3 = table.pack(pcall(string.gsub, subj, p, "<%0>", 3))
  local r4 = table.pack(pcall(function() local c = 0; for _ in subj:gmatch(p) do c = c + 1 end; return c end))
  local r5 = table.pack(pcall(string.find, "", p))
  print(p, r1[1], r1[2], r1[3], r1[4], r2[2], r3[2], r3[3], r4[1], r4[2], r5[1], r5[2])
end
local words = {}
for w in ("one two, three;four"):gmatch("%a+") do words[#words + 1] = w end
print(table.concat(words, "|"), ("x=1, y=22"):gsub("%d+", function(d) return d * 2 end))
-- the rest of the pattern is malformed, but no start position gets past the first class
print(pcall(string.find, "xyz", "[aeiou]%"), pcall(string.gsub, "xyz", "%d[", ""), pcall(string.find, "x1", "%d["))
