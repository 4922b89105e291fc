-- string.find/match with a pattern that is one single-char class: after HOT_PATTERN (16) uses
-- they scan for the first byte in the class's set (stdlib/lpattern.ts singleClassSet). Every
-- call is made 20 times so the fast path is taken, and the results must not change.
local subjects = {"", "a", "  x y\t", "{\"k\": [1, 2]}", "abc]def", "a%b.c", "\0\255z", "---", "^$()", "UPPER lower 123"}
local patterns = {
  "[^ \t\r\n]", "[\"\\]", "%d", "%a", "%s", "%S", "%w", "%p", "%%", "%.", "%]", ".", "x", "]",
  "[]]", "[^]]", "[a-c]", "[%a_]", "[%]]", "[^%d%s]", "[-]", "[a-]", "[%z]", "%z", "\0", "[\0]",
  "-", "*", "+", "?", "%x", "%c", "%u", "%l", "%g",
  -- not single classes: these take the general matcher
  "$", "^", "^a", "a$", "%b()", "%f[%a]", "(a)", "()", "a*", "[a]-", "[a]?", "ab", "..",
}
local inits = {nil, 1, 2, -1, -3, 0, 5, 100}
for _, p in ipairs(patterns) do
  local line = {}
  for _, s in ipairs(subjects) do
    for k = 1, 8 do
      local init = inits[k]
      local r1, r2, r3, m
      for _ = 1, 20 do
        r1, r2, r3 = s:find(p, init)
        m = s:match(p, init)
      end
      line[#line + 1] = tostring(r1) .. "," .. tostring(r2) .. "," .. tostring(r3) .. "," .. tostring(m)
    end
  end
  print(string.format("%q", p), table.concat(line, " "))
end
-- malformed patterns keep raising their errors however often they are used
for _, p in ipairs({"[a", "%", "[%", "(", ")", "%1", "%b", "%f", "[^"}) do
  local msg
  for _ = 1, 20 do msg = select(2, pcall(string.find, "abc", p)) end
  print(string.format("%q", p), msg)
  for _ = 1, 20 do msg = select(2, pcall(string.match, "abc", p)) end
  print(string.format("%q", p), msg)
end
-- a long subject and the plain flag
local long = string.rep(" ", 5000) .. "!"
for _ = 1, 20 do assert(long:find("[^ ]") == 5001 and long:match("%p") == "!") end
print(long:find("[^ ]"), long:find("[^ ]", 5002), ("a.b"):find(".", 1, true), ("a.b"):find("."))
-- gsub with such patterns: no match returns the subject itself and 0
local esc = {['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n'}
for _, s in ipairs({"plain", "", "q\"uote", "back\\slash\n", "\"\"\""}) do
  local r, n, r2, n2, r3, n3, r4, n4
  for _ = 1, 20 do
    r, n = s:gsub('["\\\n]', esc)
    r2, n2 = s:gsub("%s", "_")
    r3, n3 = s:gsub("[aeiou]", function(c) return c:upper() end, 1)
    r4, n4 = s:gsub(".", "%0%0", 0)
  end
  print(string.format("%q %q %d %q %d %q %d %q %d", s, r, n, r2, n2, r3, n3, r4, n4))
end
for _ = 1, 20 do assert(select(2, pcall(string.gsub, "abc", "%d", "%2")) == "abc") end
print(pcall(string.gsub, "abc", "%d", "%2"))
print(pcall(string.gsub, "a1c", "%d", "%2"))
print(pcall(string.gsub, "abc", "%d", true))
print(pcall(string.gsub, 12345, "%a", "x"))
