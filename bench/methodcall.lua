-- objects with metatables and method calls
local n = tonumber(arg and arg[1]) or 3000000
local Counter = {}
Counter.__index = Counter
function Counter.new() return setmetatable({value = 0, steps = 0}, Counter) end
function Counter:inc(by) self.value = self.value + by; self.steps = self.steps + 1; return self end
function Counter:get() return self.value end
local Toggle = setmetatable({}, {__index = Counter})
Toggle.__index = Toggle
function Toggle.new() local t = Counter.new(); t.on = false; return setmetatable(t, Toggle) end
function Toggle:flip() self.on = not self.on; return self:inc(self.on and 1 or 2) end
local c, t = Counter.new(), Toggle.new()
for i = 1, n do c:inc(i % 7); t:flip() end
print("checksum", c:get() + t:get() + t.steps)
