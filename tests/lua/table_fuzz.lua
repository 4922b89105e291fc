-- Randomised differential test of the table library from a fixed seed: random insert/remove/
-- move/concat/unpack sequences, and sorts of records with many equal keys (table.sort is not
-- stable, so the order of equal elements shows whether the algorithm is the reference's), with
-- comparators that count their calls.

math.randomseed(4242)
local random = math.random

local function dump(t, n)
  local parts = {}
  for i = 1, n do parts[i] = tostring(t[i]) end
  return table.concat(parts, ",")
end

-- random operation sequences on an array (without holes)
for round = 1, 60 do
  local t = {}
  local log = {}
  for step = 1, 25 do
    local op = random(6)
    local n = #t
    local ok, err
    if op == 1 then
      ok, err = pcall(table.insert, t, random(100))
    elseif op == 2 then
      ok, err = pcall(table.insert, t, random(-1, n + 2), random(100))
    elseif op == 3 then
      ok, err = pcall(table.remove, t, random(4) == 1 and random(-1, n + 2) or nil)
    elseif op == 4 then
      -- the array never gets holes (a border of an array with holes is not unique)
      local f = random(1, n + 1)
      ok, err = pcall(table.move, t, f, random(f - 1, n), random(1, n + 1))
    elseif op == 5 then
      ok, err = pcall(table.concat, t, ",", random(0, n + 1), random(0, n + 1))
    else
      ok, err = pcall(function() return select("#", table.unpack(t, random(-2, n), random(0, n + 2))) end)
    end
    log[#log + 1] = op .. (ok and "" or ("!" .. err))
  end
  print(round, #t, dump(t, #t))
  print("  " .. table.concat(log, " "))
end

-- sorts with equal keys: the final order of records is the algorithm's fingerprint
for round = 1, 40 do
  local n = random(0, 300)
  local recs = {}
  for i = 1, n do recs[i] = {key = random(1, random(1, 20)), id = i} end
  local calls = 0
  local desc = random(2) == 1
  table.sort(recs, function(a, b)
    calls = calls + 1
    if desc then return a.key > b.key end
    return a.key < b.key
  end)
  local ids = {}
  for i = 1, n do ids[i] = recs[i].id end
  print("sort", n, desc, calls, table.concat(ids, " "))
end

-- plain values with the default comparison, including already sorted and reversed inputs
for round = 1, 20 do
  local n = random(1, 500)
  local a = {}
  local kind = random(4)
  for i = 1, n do
    if kind == 1 then a[i] = random(1000)
    elseif kind == 2 then a[i] = i
    elseif kind == 3 then a[i] = n - i
    else a[i] = string.char(random(97, 100), random(97, 100)) end
  end
  table.sort(a)
  print("plain", n, kind, a[1], a[n // 2 + 1], a[n])
end

-- comparators that are not a strict order: the reference raises or returns a permutation
for round = 1, 30 do
  local n = random(2, 60)
  local a = {}
  for i = 1, n do a[i] = random(1, 5) end
  local ok, err = pcall(table.sort, a, function(x, y) return x <= y end)
  print("bad", n, ok, ok and dump(a, n) or err)
end
