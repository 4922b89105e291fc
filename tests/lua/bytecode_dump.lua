-- string.dump and load of binary chunks: modes, errors, upvalues, stripping.
-- (Only behaviour is printed, never the dump's bytes: Moonlet's format is its own.)

local function show(...) print(select('#', ...), ...) end

-- a dumped function reloaded runs the same
local function add(a, b) return a + b, a * b end
local s = string.dump(add)
print(type(s), s:byte(1) == 27, #s > 0)
local add2 = load(s)
show(add2(3, 4))
show(load(string.dump(add, true))(5, 6))

-- varargs, nested functions, loops, tables, strings
local function complex(...)
  local t = {...}
  local function inner(x) return x * 2 end
  local r = {}
  for i, v in ipairs(t) do r[#r + 1] = inner(v) end
  for i = 1, 3 do r[#r + 1] = i + 0.5 end
  local acc = ""
  for k, v in pairs({a = 1}) do acc = acc .. k .. v end
  return table.concat(r, ","), acc, select('#', ...), 2^63, math.mininteger, -0.0, 1e100, "a\0b"
end
show(load(string.dump(complex))(1, 2, 3))
show(load(string.dump(complex, true))(4))

-- modes
print(load(s, "chunk", "t"))
print(load(s, "chunk", "b") ~= nil)
print(load(s, "chunk", "bt") ~= nil)
print(load("return 1", "chunk", "b"))
print(load("return 1", "chunk", "t")())
print(pcall(load, s, "chunk", "x"))
print(load(s, "=chunk", "tb") ~= nil)

-- damaged chunks fail with a "bad binary format" error, whatever the damage
local function check(chunk, name)
  local f, err = load(chunk, name)
  print(f, (string.gsub(err, "%(.*%)", "(...)")))
end
check(s:sub(1, 10), "=short")
check(s:sub(1, 1), "=one byte")
check("\27", "@file.luac")
check("\27garbage here", "=garbage")
check(s:sub(1, #s // 2))

-- upvalues: the first is set to the environment (or load's env), the others to nil
local x, y = 10, 20
local function useup() return x, y end
local u = load(string.dump(useup))
local ua, ub = u()
print(ua == _G, ub)
local function getenv() return print end
print(load(string.dump(getenv))() == print)
local env = {print = "mine"}
print(load(string.dump(getenv), "e", "b", env)())
local function setglobal() newglobal = 42 end
load(string.dump(setglobal), "g", "b", env)()
print(env.newglobal, newglobal)

-- the chunk name is the one stored in the chunk (stripped: "?")
local function fails() local t = nil; return t.x end
print(pcall(load(string.dump(fails))))
print(pcall(load(string.dump(fails), "=other name")))
print(pcall(load(string.dump(fails, true))))
local function errs() error("msg") end
print(pcall(load(string.dump(errs))))
print(pcall(load(string.dump(errs, true))))
local function errs2() error("msg", 2) end
print(pcall(load(string.dump(errs2, true))))
local function glob() return undefinedglobal.field end
print(pcall(load(string.dump(glob))))
print(pcall(load(string.dump(glob, true))))

-- debug information survives an unstripped round trip
local function locals(a) local b = a + 1; return b .. nil end
print(pcall(load(string.dump(locals)), 1))
print(pcall(load(string.dump(locals, true)), 1))

-- string.dump errors
print(pcall(string.dump, print))
print(pcall(string.dump))
print(pcall(string.dump, 42))
print(pcall(string.dump, coroutine.wrap(function() end)))

-- a dump of a dump's function is the same chunk
local again = string.dump(load(s))
print(again == s)
print(string.dump(load(string.dump(add, true)), true) == string.dump(add, true))

-- dumping a main chunk, and load through a reader function
local main = load("local a = ... return (a or 0) + 1, 'main'")
local ms = string.dump(main)
show(load(ms)(41))
local parts, i = {}, 0
for j = 1, #ms, 7 do parts[#parts + 1] = ms:sub(j, j + 6) end
show(load(function() i = i + 1 return parts[i] end)(1))
i = 0
print(load(function() i = i + 1 return parts[i] end, "=reader", "t"))

-- coroutines inside a reloaded function
local function gen(n) return coroutine.wrap(function() for k = 1, n do coroutine.yield(k) end end) end
local g = load(string.dump(gen))(3)
print(g(), g(), g())
