-- Guards for the stack renewal (vm/calls.ts renewStack: the register array is replaced by a
-- copy every 4096 backward jumps) and the float paths. Every loop below runs well past 4096
-- iterations, so the stack is renewed while the state checked here is live.

local function fmt(x) return math.type(x) .. ":" .. string.format("%.17g", x) end

-- 1. open upvalues: a closure reads and writes a local of the running frame across renewals
do
  local acc = 0.5
  local function bump(d) acc = acc + d end
  local function get() return acc end
  for i = 1, 20000 do
    bump(0.25)
    if i % 5000 == 0 then print("upval", i, fmt(get())) end
  end
  local k = 0
  while k < 10000 do k = k + 1; bump(-0.125) end -- (a while loop: backward JMP)
  print("upval end", fmt(acc), fmt(get()))
end

-- 2. a closure created in a coroutine keeps referring to the coroutine's local
do
  local setter, getter
  local co = coroutine.create(function()
    local x = 1.5
    setter = function(v) x = v end
    getter = function() return x end
    for i = 1, 30000 do
      x = x * 1.0000001
      if i % 10000 == 0 then coroutine.yield(x) end
    end
    return x
  end)
  for _ = 1, 4 do
    local ok, v = coroutine.resume(co)
    print("co", ok, fmt(v), fmt(getter()))
    setter(getter() + 1)
  end
  -- the main thread loops (renewing its own stack) while the closure is dead-but-closed
  local s = 0.0
  for i = 1, 10000 do s = s + getter() end
  print("co closed", fmt(s))
end

-- 3. coroutine.wrap generators; results moved between two renewed stacks
do
  local gen = coroutine.wrap(function()
    for i = 1, 50000 do
      if i % 7 == 0 then coroutine.yield(i * 0.5, i) end
    end
  end)
  local sum, cnt = 0.0, 0
  for _ = 1, 7000 do local a, b = gen(); sum = sum + a + b; cnt = cnt + 1 end
  print("wrap", cnt, fmt(sum))
end

-- 4. pcall and errors inside long loops, an error raised after renewals
do
  local n = 0
  for i = 1, 12000 do
    local ok, e = pcall(function(v) if v % 3000 == 0 then error("e" .. v) end return v * 0.5 end, i)
    if not ok then n = n + 1; print("err", e) end
  end
  local ok, e = pcall(function()
    local t = 0.25
    for i = 1, 10000 do t = t + i end
    return t + {}
  end)
  print("pcall", ok, e, n)
  print(select("#", pcall(function() local r = 0 for i = 1, 9000 do r = r + 0.5 end return r, r * 2, "x" end)))
end

-- 5. nested executes: sort comparators and gsub callbacks that loop (their stack is not renewed)
do
  local t = {}
  for i = 1, 300 do t[i] = (i * 7919) % 301 + 0.5 end
  local calls = 0
  table.sort(t, function(a, b)
    calls = calls + 1
    local z = 0.0
    for j = 1, 20 do z = z + j end
    return a + z < b + z
  end)
  print("sort", t[1], t[150], t[300], calls > 0)
  local s = string.rep("a", 300):gsub("a", function()
    local q = 0.5
    for j = 1, 50 do q = q + 0.25 end
    return q == 13.0 and "b" or "c"
  end)
  print("gsub", #s, s:sub(1, 5))
end

-- 6. values changing type mid-loop in the quickened float instructions
do
  local x, y = 0.5, 0.25
  local out = {}
  for i = 1, 20000 do
    if i == 5000 then y = 2 end          -- integer operand
    if i == 10000 then x = 2.0 end       -- integral float (boxed)
    if i == 15000 then y = "3" end       -- string: coercion
    local r = x * y + x - y
    if i % 5000 == 0 or i == 20000 then out[#out + 1] = fmt(r) end
    x = (i % 2 == 0) and 0.5 or x
  end
  print("types", table.concat(out, " "))
  local z = 0.0
  for i = 1, 10000 do z = z - 0.0 end
  print("negzero", fmt(-z), fmt(z * -1), 1 / (z * -1))
  local nan = 0 / 0
  local cnt = 0
  for i = 1, 10000 do if nan < i or nan >= i or nan ~= nan then cnt = cnt + 1 end end
  print("nan", cnt)
  local inf = math.huge
  for i = 1, 10000 do inf = inf * 1.5 end
  print("inf", inf, -inf, inf - inf ~= inf - inf)
  local m = math.maxinteger - 5000
  for i = 1, 10000 do m = m + 1 end
  print("wrap", m, math.type(m), m == math.mininteger + 4999)
  local f = 2^53 - 100
  for i = 1, 10000 do f = f + 1.0 end
  print("f53", fmt(f))
end

-- 7. a deep recursion grows the stack past the renewal limit; loops after it still work
do
  local function deep(n) if n == 0 then return 0.5 end return deep(n - 1) + 1 end
  print("deep", fmt(deep(3000)))
  local acc = 0.5
  local function add() acc = acc + 1.5 end
  for i = 1, 10000 do add() end
  print("after deep", fmt(acc))
end

-- 8. a count hook that runs Lua during long loops
do
  local hits = 0
  debug.sethook(function() hits = hits + 1 end, "", 1000)
  local v = 0.5
  for i = 1, 30000 do v = v + 0.5 end
  debug.sethook()
  print("hook", fmt(v), hits > 0)
end

-- 9. the mandelbrot kernel (floats and the 4.0 constant compare)
do
  local count = 0
  for y = 0, 39 do
    local Ci = 2 * y / 40 - 1
    for x = 0, 39 do
      local Cr = 2 * x / 40 - 1.5
      local Zr, Zi, Zrq, Ziq = 0.0, 0.0, 0.0, 0.0
      local inside = 1
      for _ = 1, 50 do
        Zi = 2 * Zr * Zi + Ci
        Zr = Zrq - Ziq + Cr
        Zrq = Zr * Zr
        Ziq = Zi * Zi
        if Zrq + Ziq > 4.0 then inside = 0; break end
      end
      count = count + inside
    end
  end
  print("mandel", count)
end
