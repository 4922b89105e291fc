-- closures and upvalues
local n = tonumber(arg and arg[1]) or 5000000
local function make_adder(k) return function(x) return x + k end end
local function compose(f, g) return function(x) return f(g(x)) end end
local acc = 0
local add1, add2 = make_adder(1), make_adder(2)
local both = compose(add1, add2)
for i = 1, n do
  acc = both(acc) % 1000003
  if i % 100 == 0 then local a = make_adder(i); acc = a(acc) % 1000003 end
end
local counter = 0
local function bump() counter = counter + 1 end
for _ = 1, n do bump() end
print("checksum", acc + counter)
