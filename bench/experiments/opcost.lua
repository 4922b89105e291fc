-- Steady-state cost of single instructions: each test is a numeric `for` loop whose body is one
-- or two instructions; the best of 3 rounds, in ns per iteration (os.clock). Subtract "empty"
-- (the FORLOOP alone) to get the cost of the body. Compare engines on the same machine:
--   lua5.4 bench/experiments/opcost.lua
--   moonlet bench/experiments/opcost.lua
-- (docs/performance.md item 36). Rounds 2 and 3 run after every test has run once, so the
-- numbers exclude warm-up; a fresh process running one program pays that on top.
local n = tonumber(arg and arg[1]) or 5000000
local t = {}
for i = 1, 100 do t[i] = i end
local obj = { x = 1, y = 2 }
local up = 0
local function f0() end
local best = {}
local tests = {
  { "empty", function() for _ = 1, n do end end },
  { "move", function() local a, b = 1, 2 for _ = 1, n do a = b end return a end },
  { "addi", function() local a = 0 for i = 1, n do a = i + 1 end return a end },
  { "add", function() local a, b = 0, 3 for i = 1, n do a = i + b end return a end },
  { "fadd", function() local a, b = 0.5, 0.25 for _ = 1, n do a = b + 0.5 end return a end },
  { "geti", function() local a for _ = 1, n do a = t[7] end return a end },
  { "gettable", function() local a for i = 1, n do a = t[i % 100 + 1] end return a end },
  { "settable", function() for i = 1, n do t[i % 100 + 1] = i end end },
  { "getfield", function() local a for _ = 1, n do a = obj.x end return a end },
  { "setfield", function() for i = 1, n do obj.x = i end end },
  { "getupval", function() local a for _ = 1, n do a = up end return a end },
  { "setupval", function() for i = 1, n do up = i end end },
  { "eqk-jmp", function() local a = 0 for i = 1, n do if i == 3 then a = 1 end end return a end },
  { "lt-jmp", function() local a, b = 0, 7 for i = 1, n do if i < b then a = 1 end end return a end },
  { "call0", function() for _ = 1, n do f0() end end },
  { "len", function() local a for _ = 1, n do a = #t end return a end },
  { "not", function() local a, b = 0, true for _ = 1, n do a = not b end return a end },
  { "test", function() local a, b = 0, true for _ = 1, n do if b then a = 1 end end return a end },
}
for _ = 1, 3 do
  for _, tc in ipairs(tests) do
    local t0 = os.clock()
    tc[2]()
    local dt = (os.clock() - t0) * 1e9 / n
    best[tc[1]] = math.min(best[tc[1]] or math.huge, dt)
  end
end
local out = {}
for _, tc in ipairs(tests) do out[#out + 1] = string.format("%s %.1f", tc[1], best[tc[1]]) end
print(table.concat(out, "  "))
