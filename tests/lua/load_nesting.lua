-- the parser's nesting limit counts the C calls active when a chunk is loaded (load, loadfile,
-- dofile, require), as in the reference; its "C stack overflow" goes through the message handler
local function maxn()
  local lo, hi = 1, 400
  while lo < hi do
    local mid = (lo + hi + 1) // 2
    local f = load("return " .. string.rep("(", mid) .. "1" .. string.rep(")", mid))
    if f then lo = mid else hi = mid - 1 end
  end
  return lo
end
print("top", maxn())
print("pcall", select(2, pcall(maxn)))
print("pcall2", select(2, pcall(pcall, maxn)))
local function nest(k) if k == 0 then return maxn() end return select(2, pcall(nest, k - 1)) end
print("nest10", nest(10), "nest100", nest(100))
print("coroutine", coroutine.wrap(maxn)())
print("sort", (function()
  local r
  table.sort({1, 2}, function(a, b) r = r or maxn() return a < b end)
  return r
end)())
print("metamethod", setmetatable({}, {__index = function() return maxn() end}).x)

local deep = "return " .. string.rep("(", 300) .. "1" .. string.rep(")", 300)
print(xpcall(load, function(m) return "handled: " .. m end, deep))
print(xpcall(function() return load(deep) end, function(m) return "handled: " .. m end))
print(pcall(load, deep))
print(xpcall(load, function(m) return "handled: " .. m end, "x = = 1"))

local DIR = "tests/lua/modules/"
package.path = DIR .. "?.lua"
print(pcall(dofile, DIR .. "deep.lua"))
print(pcall(loadfile, DIR .. "deep.lua"))
print(pcall(require, "deep"))
print(loadfile(DIR .. "deep150.lua") ~= nil, select(2, pcall(nest, 50)))
local function nestload(k)
  if k == 0 then return loadfile(DIR .. "deep150.lua") end
  return select(2, pcall(nestload, k - 1))
end
print(nestload(10) ~= nil, nestload(60))
local function nestreq(k)
  if k == 0 then
    local ok, v = pcall(require, "deep150")
    return ok and "loaded " .. tostring(v) or v
  end
  return select(2, pcall(nestreq, k - 1))
end
print(nestreq(60))
print(nestreq(5))
-- without a protected call, lua.c's message handler adds a traceback to the message
print(load(deep))
