-- tables and metatables
local t = {1, 2, 3, nil, 5, x = 1, ["y"] = 2, [1.0 + 1] = "two?"}
print(#t == 5 or #t == 3, t[2], t.x, t.y)
local u = {}
u[1.0] = "a"; u[2] = "b"; u[2^53] = "big"
print(u[1], u[2.0], u[2^53], math.type(next(u)))
local a = {}
for i = 1, 10 do a[i] = i * i end
a[10] = nil
print(#a)
local keys = {}
for k, v in ipairs({"a", "b", "c"}) do keys[#keys + 1] = k .. "=" .. v end
print(keys[1], keys[2], keys[3])
local mt = {__index = function(t, k) return k .. "!" end}
local p = setmetatable({}, mt)
print(p.foo, p[1], rawget(p, "foo"))
local base = {greet = function() return "hello" end}
local derived = setmetatable({}, {__index = base})
local d2 = setmetatable({}, {__index = derived})
print(d2.greet())
local log = {}
local w = setmetatable({}, {__newindex = function(t, k, v) rawset(t, k, v * 2) end})
w.a = 5
print(w.a)
local V = {}
V.__index = V
V.__add = function(x, y) return setmetatable({v = x.v + y.v}, V) end
V.__eq = function(x, y) return x.v == y.v end
V.__lt = function(x, y) return x.v < y.v end
V.__le = function(x, y) return x.v <= y.v end
V.__concat = function(x, y) return "V" .. (type(x) == "table" and x.v or x) .. (type(y) == "table" and y.v or y) end
V.__len = function(x) return x.v end
V.__call = function(self, a) return self.v + a end
V.__tostring = function(x) return "V(" .. x.v .. ")" end
V.__unm = function(x) return setmetatable({v = -x.v}, V) end
local function new(v) return setmetatable({v = v}, V) end
local v1, v2 = new(1), new(2)
print((v1 + v2).v, v1 == new(1), v1 < v2, v2 <= v1, v1 .. "x", "x" .. v2, #v2, v1(10), tostring(v1), (-v1).v)
print(getmetatable(setmetatable({}, {__metatable = "locked"})))
print(pcall(setmetatable, setmetatable({}, {__metatable = 1}), {}))
print(rawequal(v1, new(1)), rawlen({1, 2}), rawlen("abc"))
local pt = setmetatable({}, {__pairs = function(t) return function(_, k) if not k then return 1, "one" end end, t, nil end})
for k, v in pairs(pt) do print("pairs", k, v) end
local cnt = 0
for k in pairs({a = 1, b = 2, c = 3, 1, 2}) do cnt = cnt + 1 end
print(cnt)
local arr = {"x", "y", "z"}
local order = {}
for k, v in pairs(arr) do order[#order + 1] = k end
print(order[1], order[2], order[3])
print(pcall(function() local t = {} t[nil] = 1 end))
print(pcall(function() local t = {} t[0/0] = 1 end))
print(({})[nil])
local big = {}
for i = 1, 100 do big[i] = i end
for i = 1, 100, 2 do big[i] = nil end
print(big[100], big[99])
