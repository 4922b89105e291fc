-- Randomised differential test of the pattern functions and string.format: patterns, subjects
-- and format specifications are generated from a fixed seed (math.random is the reference's
-- xoshiro256**, so both interpreters generate the same cases) and every result or error message
-- is printed.

math.randomseed(20240607)
local random = math.random

local atoms = {
  ".", "a", "b", "%a", "%d", "%s", "%w", "%p", "%l", "%u", "%x", "%A", "%S", "[ab]", "[^a]", "[a-c]",
  "[%d_]", "[%a-]", "%.", "%%", "x", " ", "(", ")", "()", "%1", "%2", "%b()", "%bab", "%f[%a]", "%f[%s]",
  "^", "$", "[", "]", "%", "-", "*", "+", "?", "[]", "[^]", "%z", "1", "=", ",",
}
local suffixes = {"", "", "", "*", "+", "-", "?"}

local function randomPattern()
  local parts = {}
  for i = 1, random(1, 6) do
    parts[#parts + 1] = atoms[random(#atoms)] .. suffixes[random(#suffixes)]
  end
  return table.concat(parts)
end

local alphabet = {"a", "b", "c", "1", "2", " ", "(", ")", "_", "-", "=", ",", ".", "%", "A", "\0", "\n", "x"}
local function randomSubject()
  local parts = {}
  for i = 1, random(0, 12) do parts[#parts + 1] = alphabet[random(#alphabet)] end
  return table.concat(parts)
end

local function render(ok, ...)
  local t = table.pack(...)
  local parts = {ok and "ok" or "err"}
  for i = 1, t.n do
    local v = t[i]
    parts[#parts + 1] = type(v) == "string" and string.format("%q", v) or tostring(v)
  end
  return table.concat(parts, " ")
end

local replacements = {"<%0>", "%1", "%%", "[%2]", "", "x", "%", "%9", "%1%1"}
for i = 1, 600 do
  local p, s = randomPattern(), randomSubject()
  local init = random(-3, 14)
  local out = {string.format("%q %q %d", p, s, init)}
  out[#out + 1] = render(pcall(string.find, s, p, init))
  out[#out + 1] = render(pcall(string.match, s, p, init))
  out[#out + 1] = render(pcall(string.gsub, s, p, replacements[random(#replacements)], random(0, 4) == 0 and random(0, 3) or nil))
  out[#out + 1] = render(pcall(string.gsub, s, p, function(a, b) return b or (a and #tostring(a)) end))
  local ok, err = pcall(function()
    local got = {}
    for a, b in s:gmatch(p) do
      got[#got + 1] = tostring(a) .. (b ~= nil and ("," .. tostring(b)) or "")
      if #got > 50 then break end
    end
    return table.concat(got, "|")
  end)
  out[#out + 1] = render(ok, err)
  print(table.concat(out, "\n  "))
end

-- string.format with random flags, widths, precisions and values
local convs = {"d", "i", "u", "c", "x", "X", "o", "e", "E", "f", "g", "G", "a", "A", "s", "q", "%", "y"}
local flagchars = {"-", "+", " ", "#", "0"}
local values = {0, 1, -1, 255, 2^31, -2^40, math.maxinteger, math.mininteger, 0.5, -1.25, 1e300, 1e-300,
  1 / 0, -1 / 0, 3.0, -0.0, "12", "abc", "", "a\0b", true, nil}
for i = 1, 500 do
  local spec = {"%"}
  for k = 1, random(0, 3) do spec[#spec + 1] = flagchars[random(#flagchars)] end
  if random(3) == 1 then spec[#spec + 1] = tostring(random(0, random(8) == 1 and 120 or 30)) end
  if random(3) == 1 then spec[#spec + 1] = "." .. tostring(random(0, random(8) == 1 and 120 or 20)) end
  spec[#spec + 1] = convs[random(#convs)]
  local f = table.concat(spec)
  local v = values[random(#values + 1)]
  local ok, r = pcall(string.format, f, v)
  print(string.format("%q", f), tostring(v), ok, ok and string.format("%q", r) or r)
end
