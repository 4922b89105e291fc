-- An uncaught error object with __tostring ends the program: the message is its __tostring.
print('before')
local E = setmetatable({code = 3}, {__tostring = function(e) return 'E(' .. e.code .. ')' end})
error(E)
