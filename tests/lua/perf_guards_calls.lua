-- Guards of the call/return/upvalue fast paths (vm/interpreter.ts CALL, TAILCALL, RETURN*,
-- GETUPVAL/SETUPVAL; vm/calls.ts; the UpVal representation of vm/function.ts): varargs, tail
-- calls to Lua and native functions, wrong argument counts, closures over loop variables,
-- upvalues shared between closures and closed at different times, upvalues of coroutines,
-- deep recursion, __call, and the error messages and tracebacks of these paths.

-- 1. argument counts: missing, extra, varargs, multiple results in every position
local function f3(a, b, c) return a, b, c end
local function va(...) return select('#', ...), ... end
local function va2(a, ...) return a, select('#', ...), ... end
print(f3(), f3(1), f3(1, 2), f3(1, 2, 3), f3(1, 2, 3, 4))
print(va(), va(nil), va(1, nil), va(1, 2, 3))
print(va2(), va2(1), va2(1, 2, nil))
print((f3(1, 2, 3)), #{ f3(1, 2) }, #{ f3(1, 2, 3) }, #{ va(1, 2, 3) })
local function mid() return f3(7, 8, 9), f3(4, 5, 6) end
print(mid())
local function none() end
local function zero() return end
print(none(), zero(), select('#', none()), select('#', zero()), (none()))
local x1, x2, x3 = none()
print(x1, x2, x3)
local y1, y2, y3 = f3(1)
print(y1, y2, y3)
-- the same call site with varying argument counts
local acc = {}
for n = 0, 5 do
  local args = {}
  for j = 1, n do args[j] = j * 10 end
  acc[#acc + 1] = table.concat({ tostring(select('#', va(table.unpack(args, 1, n)))), tostring((f3(table.unpack(args, 1, n)))) }, ":")
end
print(table.concat(acc, " "))
-- vararg functions returning many values, and a function replaced between calls
local function many(n) local t = {} for j = 1, n do t[j] = j end return table.unpack(t) end
print(select('#', many(300)), (select(300, many(300))))
local g = f3
for round = 1, 3 do
  if round == 2 then g = va elseif round == 3 then g = print end
  print("round", round, g(round, round + 1))
end

-- 2. tail calls: to Lua (fixed and vararg), to natives, through __call, deep
local function count(n, acc) if n == 0 then return acc end return count(n - 1, acc + 1) end
print(count(200000, 0))
local function tva(n, ...) if n == 0 then return select('#', ...), ... end return tva(n - 1, n, ...) end
print(tva(5))
local function tnat(...) return select('#', ...) end
local function tsel(...) return select(2, ...) end
local function ttype(v) return type(v) end
local function tpcall(f, ...) return pcall(f, ...) end
print(tnat(1, 2, 3), tsel(1, 2, 3), ttype(nil), ttype(tnat), tpcall(error, "boom", 0))
print(tpcall(function(...) return ... end, 1, 2))
local callable = setmetatable({}, { __call = function(self, a, b) return "called", a, b end })
local function tcall(a) return callable(a, a + 1) end
print(tcall(1), callable(5))
local chain = setmetatable({}, { __call = callable })
local function tchain(a) return chain(a) end
local okc, r1, r2, r3 = pcall(tchain, 3)
print(okc, r1, r2 == chain, r3)
-- tail call into a function with fewer/more parameters than arguments
local function two(a, b) return a, b end
local function tmore() return two(1, 2, 3, 4) end
local function tless() return two(1) end
print(tmore(), tless())
-- a tail-called function that errors: the message names the right function
local function bad(t) return t.x.y end
local function tbad(t) return bad(t) end
print(pcall(tbad, {}))
local function tnil() local nothere return nothere() end
print(pcall(tnil))
print(pcall(function() return undefinedglobal_f() end))
print(pcall(function() local t = {} return t.m() end))
-- a tail call while a loop variable is captured (closes the upvalue first)
local fs = {}
local function tclose(n)
  local v = n * 2
  fs[#fs + 1] = function() return v end
  if n == 0 then return 0 end
  return tclose(n - 1)
end
tclose(4)
for j = 1, #fs do io.write(fs[j](), " ") end
print()

-- 3. closures capturing loop variables; upvalues shared and closed at different times
local cl = {}
for i = 1, 5 do cl[i] = function() return i end end
local wcl, j = {}, 0
while j < 5 do j = j + 1; local jj = j; wcl[j] = function() jj = jj + 100; return jj end end
print(cl[1](), cl[5](), wcl[1](), wcl[1](), wcl[5]())
local function pair()
  local shared = 0
  local function inc() shared = shared + 1; return shared end
  local function get() return shared end
  print("open", inc(), get(), shared)
  shared = 10
  print("open2", inc(), get())
  return inc, get
end
local inc, get = pair()
print("closed", inc(), get(), inc(), get())
-- one closure created while the variable is open, one after the inner block closed it
local early, late
do
  local v = 1
  early = function(n) v = v + n; return v end
  early(1)
  do
    local w = v
    late = function() return w, v end
  end
  v = v + 1
end
print(early(10), late())
-- upvalues closed by a break, a goto, and an error
local fromBreak = {}
for i = 1, 10 do
  local z = i
  fromBreak[#fromBreak + 1] = function() z = z + 1 return z end
  if i == 3 then break end
end
print(fromBreak[1](), fromBreak[3](), fromBreak[3]())
local gotos = {}
do
  local n = 0
  ::top::
  local q = n
  gotos[#gotos + 1] = function() return q end
  n = n + 1
  if n < 3 then goto top end
end
print(gotos[1](), gotos[2](), gotos[3]())
local errClosure
print(pcall(function()
  local secret = "kept"
  errClosure = function() return secret end
  error("e")
end), errClosure())
-- many upvalues, nested levels
local function outer()
  local a, b, c = 1, 2, 3
  return function()
    local d = 4
    return function() a = a + 1; return a + b + c + d end
  end
end
local mk = outer()
local f1, f2 = mk(), mk()
print(f1(), f2(), f1())
-- debug library on open and closed upvalues
local dv = 5
local function readdv() return dv end
print(debug.getupvalue(readdv, 1), debug.setupvalue(readdv, 1, 6), dv, readdv())
local inc2, get2 = pair()
debug.setupvalue(get2, 1, 50)
print(inc2(), get2())
debug.upvaluejoin(readdv, 1, get2, 1)
print(readdv(), dv)

-- 4. upvalues of coroutines: open while the coroutine lives, closed when it finishes
local co = coroutine.wrap(function(a)
  local local1 = a
  local function peek() return local1 end
  local function poke(v) local1 = v end
  local b = coroutine.yield(peek, poke)
  local1 = local1 + b
  coroutine.yield(local1)
  return "end"
end)
local peek, poke = co(1)
print(peek())
poke(41)
print(peek(), co(1), peek())
print(co(), peek())
poke(7)
print(peek())
-- closures created inside a coroutine, called from outside, then from another coroutine
local gen = coroutine.wrap(function()
  for i = 1, 3 do
    local v = i * i
    coroutine.yield(function() v = v + 1; return v end)
  end
end)
local c1, c2 = gen(), gen()
print(c1(), c2(), coroutine.wrap(function() return c1() + c2() end)())

-- 5. deep recursion: Lua stack growth, non-tail and through pcall; stack overflow as a Lua error
local function depth(n) if n == 0 then return 0 end return 1 + depth(n - 1) end
print(depth(10000), depth(150000))
local function vdepth(n, ...) if n == 0 then return select('#', ...) end return (vdepth(n - 1, n, ...)) end
print(vdepth(150))
local function pdepth(n) if n == 0 then return "bottom" end return select(2, pcall(pdepth, n - 1)) end
print(pdepth(150))
local function inf(n) return 1 + inf(n + 1) end
local ok, msg = pcall(inf, 1)
print(ok, (string.gsub(msg, "^.-:%d+: ", "")))
local function infva(...) return 1 + infva(1, ...) end
ok, msg = pcall(infva)
print(ok, (string.gsub(msg, "^.-:%d+: ", "")))
local function infcall() local t = setmetatable({}, { __call = function(self) return 1 + self() end }) return t() end
ok, msg = pcall(infcall)
print(ok, (string.gsub(msg, "^.-:%d+: ", "")))
-- and it still works afterwards
print(depth(1000))

-- 6. __call from CALL (non-tail), with varargs, and errors naming the callee
local obj = setmetatable({ n = 0 }, { __call = function(self, ...) self.n = self.n + select('#', ...); return self.n end })
for i = 1, 3 do obj(i, i) end
print(obj(), obj(1, 2, 3))
print(pcall(function() local notf = 3; notf() end))
print(pcall(function() local t = { f = 1 } t.f() end))
print(pcall(function() local t = {} t:meth() end))
print(pcall(string.rep))
print(pcall(string.rep, "x", {}))
print(pcall(setmetatable, 1, 2))

-- 7. functions and tracebacks named correctly across the fast paths
local function level3() error("deep error") end
local function level2() level3() end
local function level1() level2() end
print(pcall(level1))
print(select(2, xpcall(level1, function(m) return (debug.traceback(m, 1):gsub("\n[^\n]*%[C%][^\n]*", "")) end)))
local function named() return debug.getinfo(1, "n").name end
local function viaTail() return named() end
print(named(), viaTail(), (function() local r = named() return r end)())
local function curline() return debug.getinfo(2, "l").currentline end
print(curline(), (curline()))
-- tracebacks and getinfo through tail calls (the frame reused in place is flagged CIST_TAIL)
local function tb() return (debug.traceback("tb", 1):gsub("\n[^\n]*%[C%][^\n]*", "")) end
local function tailToTb(n) if n == 0 then return tb() end return tailToTb(n - 1) end
print(tailToTb(3))
local function whatTail() local t = debug.getinfo(1, "t") return t.istailcall end
local function callsWhat() return whatTail() end
print(callsWhat(), (whatTail()))
local function tailErr(n) if n == 0 then error("tail error") end return tailErr(n - 1) end
print(pcall(tailErr, 5))
local function tailVarargCallee(...) return select('#', ...), debug.getinfo(1, "t").istailcall end
local function tailToVararg() return tailVarargCallee(1, 2, 3) end
print(tailToVararg())
