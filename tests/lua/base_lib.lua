-- The basic library (manual 6.1): results and error messages, through pcall.
local function show(...)
  local n = select('#', ...)
  local parts = {}
  for i = 1, n do
    local v = select(i, ...)
    local tv = type(v)
    if tv == 'table' or tv == 'function' or tv == 'thread' or tv == 'userdata' then v = tv end
    parts[#parts + 1] = tostring(v)
  end
  print(table.concat(parts, ' | '))
end

-- type / tostring / tonumber
show(type(nil), type(false), type(0), type(''), type({}), type(print), type(coroutine.create(print)))
show(pcall(type))
show(tostring(1), tostring(1.0), tostring(-0.0), tostring(1/0), tostring(2^63), tostring(true))
show(tostring(setmetatable({}, {__tostring = function() return 'custom' end})))
show(pcall(tostring, setmetatable({}, {__tostring = function() return true end})))
show(tonumber('0x1F'), tonumber(' 12 '), tonumber('1e1'), tonumber('.5'), tonumber('5.'), tonumber('x'))
show(tonumber('11', 2), tonumber('z', 36), tonumber(' -7f ', 16), tonumber('8', 8), tonumber('1.0', 10))
show(tonumber('ffffffffffffffff', 16), tonumber('10000000000000000', 16))
show(pcall(tonumber, '1', 1))
show(pcall(tonumber, 1, 10))
show(pcall(tonumber))

-- select
show(select('#', 1, nil, 3), select(2, 'a', 'b', 'c'), select(-2, 'a', 'b', 'c'))
show(pcall(select, 0, 1))
show(pcall(select, -3, 1))
show(pcall(select, 'n'))

-- ipairs / pairs / next
local t = {'a', 'b', nil, 'd'}
for i, v in ipairs(t) do show('ipairs', i, v) end
local proxy = setmetatable({}, {__index = function(_, i) if i < 4 then return i * i end end})
for i, v in ipairs(proxy) do show('proxy', i, v) end
local keys = 0
for k, v in pairs({x = 1, y = 2, 10, 20}) do keys = keys + 1 end
show('keys', keys)
show(next({}), next({7}))
show(pcall(next, {}, 'missing'))
show(pcall(next, nil))
local logged = setmetatable({}, {__pairs = function(self)
  local i = 0
  return function() i = i + 1; if i <= 2 then return i, 'mm' .. i end end, self, nil
end})
for k, v in pairs(logged) do show('__pairs', k, v) end
show(pcall(function() for _ in pairs(42) do end end))

-- raw access
local mt = {__index = function() return 'dflt' end, __newindex = function() error('ro') end, __len = function() return 7 end}
local r = setmetatable({}, mt)
show(r.k, rawget(r, 'k'), #r, rawlen(r), rawlen('xyz'))
rawset(r, 'k', 'v')
show(r.k, rawequal(r, r), rawequal({}, {}), rawequal(2, 2.0))
show(pcall(rawset, r, nil, 1))
show(pcall(rawlen, 1))
show(pcall(rawget, 'str', 1))

-- metatables
local locked = setmetatable({}, {__metatable = 'no access'})
show(getmetatable(locked), pcall(setmetatable, locked, {}))
show(pcall(setmetatable, {}, 1))
show(getmetatable('').__index == string, getmetatable(1))

-- assert and error
show(assert(1, 'two', 3))
show(pcall(assert, false))
show(pcall(assert, nil, 'custom message'))
show(pcall(function() assert(false, 'with position') end))
show(pcall(error, 'lvl0', 0), pcall(error))
show(pcall(function() error('at level 1') end))
show(pcall(function() error('at level 2', 2) end))

-- load
show(load('return 6 * 7')())
show(load('syntax error here'))
show(load('return 1', '=name', 'b'))
local env = {v = 'from env'}
show(load('return v', 'chunk', 't', env)())
local pieces, i = {'return ', '"pie', 'ces"'}, 0
show(load(function() i = i + 1; return pieces[i] end)())
show(pcall(load(function() return nil end)))
local once = false
show(load(function() if once then return nil end once = true return 1 end, '=reader'))

-- collectgarbage (values that do not depend on memory use)
show(collectgarbage('incremental'), collectgarbage('generational'), collectgarbage('incremental'))
show(collectgarbage(), collectgarbage('isrunning'), math.type(collectgarbage('count')))
show(pcall(collectgarbage, 'bogus'))

-- misc
show(_VERSION, _G._G == _G)
show(pcall(dofile, 'no/such/file.lua'))
show(loadfile('no/such/file.lua'))
