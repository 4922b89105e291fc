-- os.exit(status, true) closes the main thread's pending to-be-closed variables (lua_close), after flushing output
local x <close> = setmetatable({}, {__close=function(_, e) print("closed x", e) end})
local function f()
  local z <close> = setmetatable({}, {__close=function() error("in z") end})
  local y <close> = setmetatable({}, {__close=function(_, e) print("closed y", e) end})
  io.write("exiting ")
  os.exit(5, true)
end
f()
