-- Feedback pollution: how much slower the interpreter's hot loop gets once many instruction
-- paths have run (docs/performance.md item 21).
--   moonlet bench/experiments/feedback-pollution.lua          fib(30) alone
--   moonlet bench/experiments/feedback-pollution.lua mixed    mixed-prelude.lua first
-- fib's own time (os.clock) is what is compared.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
if arg and arg[1] == "mixed" then
  local dir = (arg[0] or ""):match("^(.*[/\\])") or ""
  dofile(dir .. "mixed-prelude.lua")
end
local t0 = os.clock()
local r = fib(30)
print("fib(30)", r, string.format("%.3f s", os.clock() - t0))
