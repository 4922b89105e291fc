-- os.exit(true, true) inside a coroutine closes the main thread's variables, not the coroutine's
local x <close> = setmetatable({}, {__close=function(_, e) print("closed x", e) end})
coroutine.wrap(function() local w <close> = setmetatable({}, {__close=function(_, e) print("closed w", e) end}) os.exit(true, true) end)()
print("not reached")
