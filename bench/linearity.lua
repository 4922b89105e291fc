-- Linearity of the string/table library hot paths: table.concat, string.rep and gsub must take
-- time proportional to the size of their data. Usage:
--   lua5.4 bench/linearity.lua [OP SIZE]     OP = concat | rep | gsub | gsubfn | gmatch | format
--   node bench/linearity.js                  (runs every OP at three sizes under both engines)
-- Without arguments it runs each operation once at a middle size and prints checksums (this is
-- what bench/run.js does). The timer is os.clock where it exists, else the global `clock` that
-- bench/linearity.js provides; without either only the checksums are printed.

local clock = (os and os.clock) or rawget(_G, "clock")

local ops = {}

-- table.concat of n short strings
function ops.concat(n)
  local t = {}
  for i = 1, n do t[i] = "item" .. (i % 10) end
  local t0 = clock and clock()
  local s = table.concat(t, ",")
  local t1 = clock and clock()
  return #s, t0 and (t1 - t0)
end

-- string.rep to n bytes, with and without a separator
function ops.rep(n)
  local t0 = clock and clock()
  local a = string.rep("x", n)
  local b = string.rep("ab", n // 4, "--")
  -- reading a byte makes an engine that builds strings lazily produce the bytes
  local c = a:byte(n // 2) + b:byte(n // 2)
  local t1 = clock and clock()
  return #a + #b + c, t0 and (t1 - t0)
end

-- gsub over n bytes with a string replacement (every 10th byte matches)
function ops.gsub(n)
  local src = string.rep("abcdefghi ", n // 10)
  local t0 = clock and clock()
  local r, count = src:gsub(" ", "_")
  local r2, count2 = src:gsub("%a+", "%0!")
  local t1 = clock and clock()
  return #r + count + #r2 + count2, t0 and (t1 - t0)
end

-- gsub with a function replacement on every word
function ops.gsubfn(n)
  local src = string.rep("abcdefghi ", n // 10)
  local t0 = clock and clock()
  local r, count = src:gsub("%a+", function(w) return #w end)
  local t1 = clock and clock()
  return #r + count, t0 and (t1 - t0)
end

-- gmatch over every word
function ops.gmatch(n)
  local src = string.rep("abcdefghi ", n // 10)
  local t0 = clock and clock()
  local k = 0
  for w in src:gmatch("%a+") do k = k + #w end
  local t1 = clock and clock()
  return k, t0 and (t1 - t0)
end

-- string.format of a long %s argument and many small items
function ops.format(n)
  local big = string.rep("y", n)
  local t0 = clock and clock()
  local s = string.format("%s|%s|%d", big, big, n)
  local t1 = clock and clock()
  return #s, t0 and (t1 - t0)
end

local op, size = ...
if op then
  local f = ops[op]
  if not f then error("unknown operation " .. tostring(op)) end
  local check, secs = f(math.tointeger(tonumber(size)) or error("bad size"))
  if secs then print(string.format("%s %d %d %.4f", op, size, check, secs))
  else print(string.format("%s %d %d", op, size, check)) end
else
  local names = {"concat", "rep", "gsub", "gsubfn", "gmatch", "format"}
  local sum = 0
  for _, name in ipairs(names) do sum = sum + ops[name](100000) end
  print("checksum", sum)
end
