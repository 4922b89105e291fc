-- debug.getinfo "n" (name, namewhat) for every kind of call site, and tracebacks through
-- metamethods, iterators, pcall and coroutines.

local function who(level)
  local t = debug.getinfo(level + 1, "nSl")
  return tostring(t.name) .. "/" .. t.namewhat .. "/" .. t.what
end

local function report() return (who(2)) end   -- the caller of report's caller

gfunc = function() return (who(1)) end
local lfunc = function() return (who(1)) end
local obj = {}
function obj.field() return (who(1)) end
function obj:method() return (who(1)) end
obj.sub = {deep = function() return (who(1)) end}
local up = function() return (who(1)) end
local function viaup() return (up()) end

print("global", (gfunc()))
print("local", (lfunc()))
print("field", (obj.field()))
print("method", (obj:method()))
print("deep field", (obj.sub.deep()))
print("upvalue", (viaup()))
print("tail", (function() return gfunc() end)())
print("report", (function() local r = report() return r end)())
print("index expr", (obj["field"]()))
local key = "field"
print("var key", (obj[key]()))
local arr = {function() return (who(1)) end}
print("integer index", (arr[1]()))
print("call result", ((function() return lfunc end)()()))

-- metamethods
local mt = {}
local function mm() return (who(1)) end
for _, e in ipairs({"__add", "__sub", "__mul", "__div", "__mod", "__pow", "__unm", "__idiv",
  "__band", "__bor", "__bxor", "__shl", "__shr", "__bnot", "__concat", "__len", "__eq", "__lt",
  "__le", "__index", "__newindex", "__call", "__close"}) do
  mt[e] = function(...) print(e, (who(1))) if e == "__lt" or e == "__le" or e == "__eq" then return true end return 0 end
end
local a = setmetatable({}, mt)
local b = setmetatable({}, mt)
local _ = a + 1, a - 1, a * 1, a / 1, a % 1, a ^ 1, -a, a // 1, a & 1, a | 1, a ~ 1, a << 1,
  a >> 1, ~a, a .. "x", #a, a == b, a < b, a <= b, a.x
a.y = 1
a()
do local c <close> = a end

-- for iterator
for k in function(s, c) print("iterator", (who(1))) return nil end do end

-- natives called from Lua and Lua called from natives
print("pcall'd", select(2, pcall(gfunc)))
print("sorted", (function()
  local r
  table.sort({3, 1, 2}, function(x, y) r = who(1) return x < y end)
  return r
end)())
print("gsub", (string.gsub("a", "a", function() return (who(1)) end)))

-- getinfo(level) names of natives
print("native", (function() return select(2, pcall(who, 1)) end)())
print(debug.getinfo(1, "n").name, debug.getinfo(1, "n").namewhat)

-- tracebacks
local function tb() return debug.traceback("tb", 1) end
local t2 = setmetatable({}, {__index = function() return (tb()) end})
print(t2.x)
print(select(2, pcall(function() return (tb()) end)))
local co = coroutine.wrap(function() print(tb()) end)
co()
print(select(2, xpcall(function() local z = nil; z() end, debug.traceback)))
print(select(2, xpcall(function() error("lvl2", 2) end, function(m) return debug.traceback(m, 2) end)))
for _, v in ipairs({1}) do print(tb()) end
print(string.gsub("x", "x", tb))
