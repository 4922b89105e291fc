-- A word-frequency counter: reads a text file with io, counts words (case-folded) with gmatch,
-- sorts by count (descending) then word, and prints the top 20 and a few statistics.

local path = "tests/lua/data/wordfreq.txt"

local function count_words(file)
  local counts, total, lines, chars = {}, 0, 0, 0
  for line in file:lines() do
    lines = lines + 1
    chars = chars + #line + 1
    for word in line:gmatch("%a+'?%a*") do
      word = word:lower()
      counts[word] = (counts[word] or 0) + 1
      total = total + 1
    end
  end
  return counts, total, lines, chars
end

local f = assert(io.open(path, "r"))
local counts, total, lines, chars = count_words(f)
f:close()

local words = {}
for w, n in pairs(counts) do words[#words + 1] = {word = w, n = n} end
table.sort(words, function(a, b)
  if a.n ~= b.n then return a.n > b.n end
  return a.word < b.word
end)

print(string.format("%d lines, %d bytes, %d words, %d distinct", lines, chars, total, #words))
for i = 1, math.min(20, #words) do
  local e = words[i]
  print(string.format("%2d. %-12s %4d %s", i, e.word, e.n, string.rep("*", e.n // 4)))
end

-- the longest words, and words used exactly three times (first ten alphabetically)
table.sort(words, function(a, b)
  if #a.word ~= #b.word then return #a.word > #b.word end
  return a.word < b.word
end)
local longest = {}
for i = 1, 5 do longest[i] = words[i].word end
print("longest: " .. table.concat(longest, ", "))
local once = {}
for _, e in ipairs(words) do if e.n == 3 then once[#once + 1] = e.word end end
table.sort(once)
print(#once .. " words used three times; first: " .. table.concat(once, " ", 1, math.min(10, #once)))

-- the same count through io.lines and the whole-file read agree
local whole = assert(io.open(path, "rb")):read("a")
local n2 = 0
for _ in whole:gmatch("%a+'?%a*") do n2 = n2 + 1 end
local n3 = 0
for line in io.lines(path) do for _ in line:gmatch("%a+'?%a*") do n3 = n3 + 1 end end
print(n2 == total, n3 == total, #whole == chars)
