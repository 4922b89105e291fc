-- An uncaught runtime error: "moonlet: msg" and a traceback on stderr, exit status 1.
local function inner(t) return t.field.sub end
local function outer() return inner({}) end
print(pcall(outer))
outer()
