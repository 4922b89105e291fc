-- utf8 functions on pseudo-random byte strings built from interesting pieces (valid, invalid,
-- overlong, surrogate, out-of-range lead bytes), with random positions and lax flags; a
-- deterministic generator of its own, so that lua5.4 and moonlet see the same cases
local seed = 1
local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648; return seed % n end
local pieces = {"a", "\0", "\x7F", "\x80", "\xBF", "\xC0", "\xC1", "\xC2", "\xDF", "\xE0", "\xED", "\xEF",
  "\xF0", "\xF4", "\xF5", "\xF7", "\xF8", "\xFB", "\xFC", "\xFD", "\xFE", "\xFF", "\xA0", "\x9F", "\x90", "\x8F",
  "\u{E4}", "\u{20AC}", "\u{1F600}", "\u{10FFFF}"}
local function rs()
  local t = {}
  for i = 1, rnd(8) do t[#t + 1] = pieces[rnd(#pieces) + 1] end
  return table.concat(t)
end
local function ri(len) local r = rnd(4); if r == 0 then return nil end return rnd(len * 2 + 5) - len - 2 end
local out = {}
local function rec(...) local t = table.pack(...) for i = 1, t.n do t[i] = tostring(t[i]) end out[#out + 1] = table.concat(t, ",", 1, t.n) end
for k = 1, 600 do
  local s = rs()
  local lax = rnd(2) == 0
  local i, j = ri(#s), ri(#s)
  rec(pcall(utf8.len, s, i, j, lax))
  rec(pcall(utf8.codepoint, s, i, j, lax))
  rec(pcall(utf8.offset, s, rnd(9) - 4, i))
  rec(pcall(function() local r = {} for p, c in utf8.codes(s, lax) do r[#r + 1] = p .. ":" .. c end return table.concat(r, " ") end))
  rec(pcall(utf8.char, rnd(0x80000000) * (rnd(3) == 0 and 1 or 0) + rnd(300)))
end
print(#out)
for _, l in ipairs(out) do print(l) end
