-- Random (but fixed) mixes of writes, seeks, reads and flushes on files of every mode, and random
-- read formats over random numeral-like text (crossing read-buffer boundaries): compared with lua5.4.
for _, seed0 in ipairs{3, 7} do
local seed = seed0
local function rnd(a, b) seed = (seed * 1103515245 + 12345) % 2147483648 return a + seed % (b - a + 1) end
local name = "/tmp/moonlet_io_mix.txt"
for round = 1, 40 do
  local mode = ({"w+", "r+", "a+", "w", "a", "r"})[rnd(1, 6)]
  local f0 = io.open(name, "w") f0:write(string.rep("base-", rnd(0, 20))) f0:close()
  local f = io.open(name, mode)
  local out = {mode}
  for k = 1, 60 do
    local op = rnd(1, 6)
    if op <= 2 then
      local r = table.pack(f:write(string.rep(string.char(65 + rnd(0, 25)), rnd(0, 9)), rnd(0, 99)))
      out[#out + 1] = "w:" .. tostring(io.type(r[1]) or r[1]) .. (r[2] and ("," .. r[2]) or "")
    elseif op == 3 then
      local r = table.pack(f:seek(({"set", "cur", "end"})[rnd(1, 3)], rnd(-5, 30)))
      out[#out + 1] = "s:" .. tostring(r[1]) .. (r[2] and ("," .. r[2]) or "")
    elseif op == 4 then
      local r = table.pack(f:read(rnd(0, 8)))
      out[#out + 1] = "r:" .. tostring(r[1]) .. (r[2] and ("," .. r[2]) or "")
    elseif op == 5 then
      local r = table.pack(f:read("l"))
      out[#out + 1] = "l:" .. tostring(r[1]) .. (r[2] and ("," .. r[2]) or "")
    else
      if rnd(1, 3) == 1 then out[#out + 1] = "f:" .. tostring(f:flush()) else out[#out + 1] = "c:" .. tostring(f:seek("cur")) end
    end
  end
  f:close()
  local g = io.open(name, "rb")
  out[#out + 1] = "final:" .. g:read("a")
  g:close()
  print(round, table.concat(out, " "))
end
os.remove(name)
end
do
local seed = 11
local function rnd(a, b) seed = (seed * 1103515245 + 12345) % 2147483648 return a + seed % (b - a + 1) end
local pieces = {"12", " ", "\n", "-", "+", "0x", "1e", "5", ".", "abc", "\t", "0", "ff", "p3", "\r\n", "9999999", "E-2", "x"}
local name = "/tmp/moonlet_io_mix2.txt"
for round = 1, 12 do
  local parts = {}
  local n = rnd(1, 400)
  if round % 10 == 0 then n = 40000 end
  for i = 1, n do parts[#parts + 1] = pieces[rnd(1, #pieces)] end
  local f = io.open(name, "wb") f:write(table.concat(parts)) f:close()
  f = io.open(name, "rb")
  local fmts = {"n", "l", "L", 1, 3, 0, "n", "n", 100, 70000}
  local out = {}
  for k = 1, 200 do
    local fmt = fmts[rnd(1, #fmts)]
    local v = f:read(fmt)
    out[#out + 1] = tostring(fmt) .. "=" .. (type(v) == "string" and (#v .. ":" .. string.format("%q", v:sub(1, 12))) or tostring(v))
    if rnd(1, 20) == 1 then out[#out + 1] = "@" .. f:seek("cur") end
    if rnd(1, 40) == 1 then out[#out + 1] = "@" .. f:seek("set", rnd(0, 500)) end
  end
  f:close()
  print(round, #table.concat(parts), table.concat(out, " "))
end
os.remove(name)
end
