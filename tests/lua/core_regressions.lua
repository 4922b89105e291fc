-- Regressions found by the differential tester (tests/fuzz/difftest.js): each block is a
-- minimised program on which moonlet and lua5.4 differed. Expected output from lua5.4.

-- `a <= b` with only __lt falls back to `not (b < a)` (LUA_COMPAT_LT_LE, as lua5.4 is built),
-- also when the __lt metamethod yields
do
  local mt = {__lt = function(a, b) print('lt', a.n, b.n) return a.n < b.n end}
  local a, b = setmetatable({n = 1}, mt), setmetatable({n = 2}, mt)
  print(a <= b, b <= a, a >= b, pcall(function() return a <= 1 end))
  local co = coroutine.wrap(function()
    local m = {__lt = function() return coroutine.yield('y') end}
    local p, q = setmetatable({}, m), setmetatable({}, m)
    if p <= q then return 'le-true' else return 'le-false' end
  end)
  print(co()) print(co(true))
  print(pcall(function() return {} <= {} end))
end

-- names in error messages stop at the first NUL byte (lua_pushfstring's %s)
do
  print(pcall(function() return "5\0" | 1 end))
  print(pcall(function() local t = {} return t["a\0b"].c end))
end

-- assignment to a const variable is reported at the line of the ',' or '=' after the target
do
  print(load("local\nx\n<\nconst\n>\n=\n1\nx\n=\n2", "=src"))
  print(load("local a <const> = 1 local b\nb,\na\n\n,\nb = 1, 2, 3"))
end

-- lines of runtime errors in expressions spread over lines: an operand is discharged at the
-- operator's line; comparisons take the line of the end of their right operand
do
  local tt
  local function id(...) return ... end
  print(pcall(function() return tt.s
    >= 0 + 1000
    % 1 end))
  print(pcall(function() local a, b = 1, 2 return nil < (id(b,
    1))
    + math.mininteger end))
  print(pcall(function() local t = {x = 1} return t.x >= -129 <
    2 end))
  print(pcall(function() local t = {} return 1 ==
    2 or t.x
    .y end))
  print(pcall(function() local s = {} return 1 +
    s
    .. 'x' end))
end
