-- The debug library (manual §6.10): every function, its results and its error messages.

local function show(t, keys)
  local out = {}
  for _, k in ipairs(keys) do out[#out + 1] = k .. "=" .. tostring(t[k]) end
  return table.concat(out, " ")
end

local function sortedkeys(t)
  local ks = {}
  for k in pairs(t) do ks[#ks + 1] = k end
  table.sort(ks, function(a, b) return tostring(a) < tostring(b) end)
  return ks
end

local ALL = {"source", "short_src", "what", "linedefined", "lastlinedefined", "currentline",
  "name", "namewhat", "nups", "nparams", "isvararg", "istailcall", "ftransfer", "ntransfer"}

print("-- getinfo")
local function target(a, b, ...)
  local info = debug.getinfo(1)
  print(show(info, ALL), info.func == target, info.activelines)
  info = debug.getinfo(1, "nSltufrL")
  print(show(info, ALL), info.func == target, type(info.activelines))
  local caller = debug.getinfo(2, "nSl")
  print(show(caller, ALL))
  local me = debug.getinfo(0, "nSlu")
  print(show(me, ALL))
  return info
end
target(1, 2, 3)
local t = {m = target}
t.m(1)
t:m()
local function tail() return target(1) end
tail()
print(show(debug.getinfo(print), ALL))
print(show(debug.getinfo(target), ALL))
print(show(debug.getinfo(1, "S"), ALL))
print(show(debug.getinfo(target, "u"), ALL))
print(show(debug.getinfo(print, "u"), ALL))
print(show(debug.getinfo(print, "L"), {"activelines"}))
print(debug.getinfo(100), debug.getinfo(-1), debug.getinfo(2 ^ 31))
print(pcall(debug.getinfo, 1, "X"))
print(pcall(debug.getinfo, 1, "Sx"))
print(pcall(debug.getinfo, 1, ">S"))
print(pcall(debug.getinfo, print, ">"))
print(pcall(debug.getinfo))
print(pcall(debug.getinfo, {}))
print(pcall(debug.getinfo, "1"), (debug.getinfo("1", "S") or {}).what)
print(pcall(debug.getinfo, 1.5))
print(pcall(debug.getinfo, 1, 2))
print(next(debug.getinfo(1, "")))

-- active lines of a function
local function lines(x)
  if x then
    return 1
  end
  return 2
end
local al = debug.getinfo(lines, "L").activelines
local ls = sortedkeys(al)
print(#ls, ls[1], ls[#ls], al[ls[1]])
local function vlines(...)
  local n = select('#', ...)
  return n
end
ls = sortedkeys(debug.getinfo(vlines, "L").activelines)
print(#ls, ls[1], ls[#ls])

print("-- getinfo on threads")
local co = coroutine.create(function(x)
  local inner = x + 1
  coroutine.yield(inner)
  return inner
end)
print(debug.getinfo(co, 0))
coroutine.resume(co, 5)
print(show(debug.getinfo(co, 0), ALL))
print(show(debug.getinfo(co, 1, "Slnt"), ALL))
print(debug.getinfo(co, 2))
print(pcall(debug.getinfo, co, "x"))
print(pcall(debug.getinfo, co, 0, "?"))
print(debug.getlocal(co, 1, 1), debug.getlocal(co, 1, 2), debug.getlocal(co, 1, 3))
print(debug.setlocal(co, 1, 2, 100))
print(coroutine.resume(co))
print(debug.getinfo(co, 0))

print("-- getlocal / setlocal")
local function locals(a, b, ...)
  local c = a + b
  do local inner = 1 end
  for i = 1, 6 do
    print(i, debug.getlocal(1, i))
  end
  print(debug.getlocal(1, -1))
  print(debug.getlocal(1, -2))
  print(debug.getlocal(1, -3))
  print(debug.getlocal(1, 0))
  print(debug.setlocal(1, 1, "A"), a)
  print(debug.setlocal(1, -1, "V"), ...)
  print(debug.setlocal(1, 50, "none"))
  print(debug.getlocal(2, 1) , type(select(2, debug.getlocal(2, 1))))
end
locals(1, 2, "x", "y")
local function novararg(p) print(debug.getlocal(1, -1)) end
novararg(1)
print(debug.getlocal(locals, 1), debug.getlocal(locals, 2), debug.getlocal(locals, 3), debug.getlocal(locals, 0))
print(debug.getlocal(print, 1))
print(pcall(debug.getlocal, 100, 1))
print(pcall(debug.getlocal, 1))
print(pcall(debug.getlocal, "x", 1))
print(pcall(debug.getlocal, co, 100, 1))
print(pcall(debug.setlocal, 100, 1, 1))
print(pcall(debug.setlocal, 1, 1))
print(pcall(debug.setlocal, 1))
print(debug.setlocal(0, 3, "v"), debug.setlocal(0, 4, "v", 1), debug.setlocal(0, 1, "v"))
do
  local ok = pcall(debug.getlocal, 0, 1)
  print("level 0:", ok, debug.getlocal(0, 1), type(select(2, debug.getlocal(0, 1))))
end
-- a native frame's slots: "(C temporary)"
print(select(2, pcall(function()
  return pcall(function() return debug.getlocal(3, 1) end)
end)))
-- parameters visible in a running Lua function from an inner call
local function outer(p1, p2)
  local function inner()
    local n1, v1 = debug.getlocal(2, 1)
    local n2, v2 = debug.getlocal(2, 2)
    return n1, v1, n2, v2
  end
  local r1, r2, r3, r4 = inner()
  return r1, r2, r3, r4
end
print(outer("one", "two"))

print("-- upvalues")
local u1, u2 = 1, {}
local function uses() return u1, u2 end
print(debug.getupvalue(uses, 1), select('#', debug.getupvalue(uses, 2)), debug.getupvalue(uses, 3))
print(select('#', debug.getupvalue(uses, 0)), select('#', debug.getupvalue(print, 1)))
print(debug.setupvalue(uses, 1, "new"), u1)
print(debug.setupvalue(uses, 3, "x"), select('#', debug.setupvalue(uses, 3, "x")))
print(select('#', debug.setupvalue(print, 1, 1)))
print(pcall(debug.getupvalue, 1, 1))
print(pcall(debug.getupvalue, uses))
print(pcall(debug.setupvalue, uses, 1))
print(pcall(debug.setupvalue, {}, 1, 2))
local function env() return print end
print(debug.getupvalue(env, 1), debug.getupvalue(env, 1) == _ENV)
local main = debug.getinfo(1, "f").func
print(debug.getupvalue(main, 1), select(2, debug.getupvalue(main, 1)) == _ENV)
-- stripped functions have no upvalue names
local stripped = load(string.dump(function() return u1 end, true))
print(debug.getupvalue(stripped, 1) , type(select(2, debug.getupvalue(stripped, 1))))

print("-- upvalueid / upvaluejoin")
local a1, a2 = 10, 20
local function fa() return a1 end
local function fb() return a1, a2 end
print(type(debug.upvalueid(fa, 1)), debug.upvalueid(fa, 1) == debug.upvalueid(fb, 1),
  debug.upvalueid(fa, 1) == debug.upvalueid(fb, 2))
print(debug.upvalueid(fa, 2), debug.upvalueid(fa, 0), debug.upvalueid(print, 1))
print(pcall(debug.upvalueid, fa))
print(pcall(debug.upvalueid, 1, 1))
debug.upvaluejoin(fa, 1, fb, 2)
print(fa(), debug.upvalueid(fa, 1) == debug.upvalueid(fb, 2))
a2 = 99
print(fa(), fb())
print(pcall(debug.upvaluejoin, fa, 2, fb, 1))
print(pcall(debug.upvaluejoin, fa, 1, fb, 3))
print(pcall(debug.upvaluejoin, print, 1, fb, 1))
print(pcall(debug.upvaluejoin, fa, 1, print, 1))
print(pcall(debug.upvaluejoin, fa, 1, fb))
print(pcall(debug.upvaluejoin, 1, 1, fb, 1))

print("-- metatables")
print(debug.getmetatable("").__index == string, debug.getmetatable(1), debug.getmetatable(nil))
print(pcall(debug.getmetatable))
local prot = setmetatable({}, {__metatable = "locked"})
print(getmetatable(prot), type(debug.getmetatable(prot)))
print(debug.setmetatable(prot, nil) == prot, getmetatable(prot))
print(pcall(debug.setmetatable, {}, 1))
print(pcall(debug.setmetatable, {}))
print(pcall(debug.setmetatable, 1, "x"))
local nmt = {__index = function(n, k) return k .. ":" .. n end,
  __add = function(a, b) return "add" end, __call = function(self, x) return "num called", x end,
  __len = function() return 42 end}
print(debug.setmetatable(10, nmt))
print((5).foo, (2.5).bar, #3, getmetatable(1) == nmt, debug.getmetatable(1.5) == nmt)
print(pcall(function() return (7)(8) end))
print(1 + 2, math.type(1 + 2))
debug.setmetatable(1, nil)
print(getmetatable(1), pcall(function() return (5).foo end))
local bmt = {__index = function(b, k) return tostring(b) .. k end, __concat = function(a, b) return "cat" end}
debug.setmetatable(true, bmt)
print((true).x, (false).y, true .. false, getmetatable(false) == bmt)
debug.setmetatable(false, nil)
print(getmetatable(true))
debug.setmetatable(nil, {__call = function(_, x) return "called nil", x end, __index = function(_, k) return k end})
print((nil)(1), (nil).key)
local nothing
print(pcall(function() return nothing.field, nothing(2) end))
debug.setmetatable(nil, nil)
print(pcall(function() return nothing.field end))
debug.setmetatable(print, {__index = {kind = "function"}, __len = function() return 7 end})
print(print.kind, #print, (function() end).kind, getmetatable(print).__index.kind)
debug.setmetatable(print, nil)
print(pcall(function() return print.kind end))
local cmt = {__index = {kind = "thread"}}
debug.setmetatable(co, cmt)
print(co.kind, coroutine.running().kind, getmetatable(co) == cmt)
debug.setmetatable(co, nil)
local smt = debug.getmetatable("")
debug.setmetatable("", {__index = {up = function(s) return "UP" .. s end}})
print(("x"):up(), pcall(function() return ("x"):upper() end))
debug.setmetatable("", smt)
print(("x"):upper())
print(tostring(io.stdout):sub(1, 6), debug.getmetatable(io.stdout).__name)

print("-- registry, user values")
local reg = debug.getregistry()
print(type(reg), reg == debug.getregistry())
print(debug.getuservalue(io.stdout), debug.getuservalue(io.stdout, 2), debug.getuservalue({}), debug.getuservalue(1, 1))
print(select('#', debug.getuservalue(io.stdout)), select('#', debug.getuservalue(12)))
print(debug.setuservalue(io.stdout, 1), debug.setuservalue(io.stdout, 1, 0))
print(pcall(debug.setuservalue, {}, 1))
print(pcall(debug.setuservalue, io.stdout))
print(pcall(debug.getuservalue, io.stdout, "x"))

print("-- traceback")
print(debug.traceback())
print(debug.traceback("msg"))
print(debug.traceback("msg", 0):gsub("\n[^\n]*$", ""))
print(debug.traceback("msg", 2))
print(debug.traceback("msg", 50))
print(debug.traceback(nil, 1) == debug.traceback())
print(debug.traceback(42))
print(debug.traceback(4.5, 1))
local tmsg = {}
print(debug.traceback(tmsg) == tmsg, debug.traceback(tmsg, 1) == tmsg, debug.traceback(true))
print(pcall(debug.traceback, "m", "x"))
local function level3() return debug.traceback("deep", 1) end
local function level2() local r = level3() return r end
local function level1() return (level2()) end
print(level1())
local tc = {}
function tc.method(self) return debug.traceback() end
print(tc:method())
print((function(...) return debug.traceback("in vararg") end)(1, 2))
local co2 = coroutine.create(function()
  local function deep(n) if n == 0 then coroutine.yield() else deep(n - 1) end end
  deep(3)
end)
print(debug.traceback(co2))
coroutine.resume(co2)
print(debug.traceback(co2))
print(debug.traceback(co2, "co msg"))
print(debug.traceback(co2, "co msg", 2))
print(debug.traceback(co2, nil, 1))
print(debug.traceback(co2, {}) ~= nil, type(debug.traceback(co2, {})))
local dead = coroutine.create(function() error("boom") end)
print(coroutine.resume(dead))
print(debug.traceback(dead))
-- deep stacks are abbreviated
local function rec(n) if n == 0 then return debug.traceback("deep") end return (rec(n - 1)) end
print(rec(30))
-- traceback as a message handler
print(xpcall(function() local x = nil; return x.y end, debug.traceback))

print("-- count hooks")
local hookcalls = 0
local function counter(ev, line)
  hookcalls = hookcalls + 1
  if hookcalls == 1 then
    print(ev, line, debug.getinfo(2, "S").what, debug.getinfo(1, "n").namewhat, debug.getinfo(1, "n").name)
    print(debug.traceback("in hook"))
  end
end
print(debug.gethook())
debug.sethook(counter, "", 100)
local hf, hm, hc = debug.gethook()
print(hf == counter, hm, hc)
for i = 1, 100000 do end
debug.sethook()
print(hookcalls > 0, debug.gethook())
local ok, e = pcall(function()
  debug.sethook(function() error("timeout") end, "", 1000)
  while true do end
end)
debug.sethook()
print(ok, e)
debug.sethook(counter, "", 0)
print(debug.gethook())
local coh = coroutine.create(function() for i = 1, 1e5 do end return "done" end)
local cohooks = 0
debug.sethook(coh, function() cohooks = cohooks + 1 end, "", 10)
print(debug.gethook() == nil, select(3, debug.gethook(coh)))
print(coroutine.resume(coh))
print(cohooks > 0)
print(pcall(debug.sethook, print))
print(pcall(debug.sethook, 1, ""))
print(pcall(debug.sethook, print, {}))

print("-- temporaries, varargs, odd levels")
local function temps(a)
  local b = a .. "x"
  local n3, v3 = debug.getlocal(1, 3)
  print(n3, type(v3))
  local t = {debug.getlocal(1, 3)}
  print(#t, t[1])
end
temps("q")
local function va(...)
  print(select('#', ...), debug.getlocal(1, 1), debug.getlocal(1, 2))
  print((debug.getlocal(2, 3)))
end
va(1, 2, 3)
print(pcall(debug.getlocal, 1, 1.5))
print(debug.getinfo(1, "t").istailcall, (function() return debug.getinfo(1, "t") end)().istailcall)
print(debug.getinfo(2 ^ 32 + 1, "l").currentline)
local cov = coroutine.create(function(...) coroutine.yield(...) end)
coroutine.resume(cov, 1, 2)
print(debug.getlocal(cov, 0, 1), debug.getlocal(cov, 0, 2), debug.getlocal(cov, 0, 3))
print(debug.getlocal(cov, 1, -1), debug.getlocal(cov, 1, -2), debug.getlocal(cov, 1, -3))
print(debug.getinfo(cov, 0, "n").name, debug.getinfo(cov, 1, "n").name)
print(debug.traceback(cov, "x", -1))
print(debug.traceback("x", -1))
print(debug.traceback(cov, "x", 1))

print("-- misc")
print(type(debug.debug), type(debug.sethook), type(debug.gethook))
print(debug.setcstacklimit(100))
