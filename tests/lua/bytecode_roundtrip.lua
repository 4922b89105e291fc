-- Programs compiled by load, dumped with string.dump (with and without debug information),
-- reloaded and run: each must give the same results as the original function.

local function pack(...) return {n = select('#', ...), ...} end
local function render(t)
  local out = {}
  for i = 1, t.n do
    local v = t[i]
    out[#out + 1] = type(v) == 'table' and 'table' or type(v) == 'function' and 'function' or tostring(v)
  end
  return table.concat(out, ' ')
end

local programs = {
  -- goto, nested loops, break
  [[local r = 0
    for i = 1, 10 do
      for j = 1, 10 do
        if j > i then goto next end
        if i * j > 50 then break end
        r = r + i * j
        ::next::
      end
    end
    local k = 0
    ::top:: k = k + 1 if k < 5 then goto top end
    return r, k]],
  -- closures capturing loop variables, to-be-closed variables in loops
  [[local fs, log = {}, {}
    for i = 1, 3 do
      local c <close> = setmetatable({}, {__close = function() log[#log + 1] = i end})
      fs[i] = function() return i * 10 end
    end
    for _, v in ipairs({4, 5}) do fs[#fs + 1] = function() return v end end
    local s = 0 for _, f in ipairs(fs) do s = s + f() end
    return s, table.concat(log, ',')]],
  -- varargs in every position, table constructors with open calls
  [[local function f(...) return ... end
    local function g(...) return select('#', ...), ... end
    local t = {f(1, 2, 3)}
    local u = {f(1, 2, 3), f(4, 5)}
    local v = {g(f())}
    return #t, #u, v[1], g(f(nil, nil)), (f(7, 8))]],
  -- method calls, metatables, inheritance, __index functions, __call, __concat, __eq, __lt
  [[local Base = {} Base.__index = Base
    function Base.new(x) return setmetatable({x = x}, Base) end
    function Base:get() return self.x end
    local Derived = setmetatable({}, {__index = Base}) Derived.__index = Derived
    function Derived.new(x) local o = Base.new(x) return setmetatable(o, Derived) end
    function Derived:get() return Base.get(self) * 2 end
    local mt = {__call = function(self, a) return a + 1 end, __concat = function(a, b) return 'cat' end,
                __eq = function() return true end, __lt = function() return true end, __len = function() return 99 end}
    local a, b = setmetatable({}, mt), setmetatable({}, mt)
    return Derived.new(21):get(), a(1), a .. 'x', a == b, a < b, #a]],
  -- integer/float arithmetic corner cases, string coercions, bitwise ops
  [[return math.maxinteger + 1 == math.mininteger, 7 // 0.0, -7 // 0.0, 3 % -2, -3 % 2, 5.5 % 2,
           '10' + 5, '3' * '4', 10 .. 20, 1 << 63, 1 << 64, -1 >> 1, 0xff ~ 0x0f, 2^-1, 1e308 * 10, 100 // 7]],
  -- long table constructor (several SETLIST), many locals and registers
  [[local t = {]] .. string.rep('1, ', 120) .. [[ 'last'}
    local a1, a2, a3, a4, a5, a6, a7, a8, a9, a10 = 1, 2, 3, 4, 5, 6, 7, 8, 9, 10
    local s = a1 + a2 + a3 + a4 + a5 + a6 + a7 + a8 + a9 + a10
    return #t, t[#t], s]],
  -- coroutines, pcall/error across them, error objects
  [[local co = coroutine.create(function(a, b)
      local c = coroutine.yield(a + b)
      local ok, e = pcall(function() error({msg = 'inner'}) end)
      local d = coroutine.yield(c * 2, e.msg)
      return d, 'done'
    end)
    local r = {}
    local function add(...) for i = 1, select('#', ...) do r[#r + 1] = tostring((select(i, ...))) end end
    add(coroutine.resume(co, 1, 2))
    add(coroutine.resume(co, 10))
    add(coroutine.resume(co, 'x'))
    add(coroutine.resume(co))
    return table.concat(r, ' ')]],
  -- recursion, tail calls, deep upvalue chains
  [[local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
    local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end
    local function mk() local a = 1 return function() local b = 2 return function() a = a + b return a end end end
    local f = mk()()
    f() f()
    return fib(20), loop(10000, 0), f()]],
  -- while/repeat with locals in the until condition, numeric for with float and negative steps
  [[local n, s = 0, {}
    repeat local x = n * 2 n = n + 1 until x >= 10
    while n > 0 do n = n - 3 end
    for i = 1.0, 0, -0.25 do s[#s + 1] = i end
    for i = 3, 1, -1 do s[#s + 1] = i end
    for i = math.maxinteger - 2, math.maxinteger do s[#s + 1] = i end
    return n, table.concat(s, ' ')]],
  -- string methods and formatting
  [[local s = 'Hello, World'
    return s:upper(), s:lower(), s:len(), s:sub(-5), s:byte(1, 3), ('%5d|%-5s|%.3f'):format(42, 'ab', 1 / 3), s:rep(2, '-')]],
}

-- more constants than LOADK can address: the chunk needs LOADKX
local big = {'local t = {'}
for i = 1, 70000 do big[#big + 1] = "'k" .. i .. "'," end
big[#big + 1] = '} local x = "after" return #t, t[70000], x'
programs[#programs + 1] = table.concat(big)

for i, src in ipairs(programs) do
  local f = assert(load(src, '=prog' .. i))
  local expected = render(pack(pcall(f)))
  for _, strip in ipairs({false, true}) do
    local g = assert(load(string.dump(f, strip), '=ignored', 'b'))
    local got = render(pack(pcall(g)))
    print(i, strip, got == expected)
    if got ~= expected then print('', expected) print('', got) end
  end
  print(i, expected)
end
