-- Differences from lua5.4 found by the library-call fuzzer (tests/fuzz/libfuzz.js), fixed.
local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    if type(v) == "string" then v = string.format("%q", v):gsub("0x%x+", "0x?")
    elseif math.type(v) then v = math.type(v) .. ":" .. tostring(v)
    elseif type(v) == "table" or type(v) == "function" then v = type(v)
    else v = tostring(v) end
    t[i] = v
  end
  print(table.concat(t, " ", 1, t.n))
end

-- gsub returns its subject converted to a string when nothing is replaced
show(pcall(string.gsub, 2^31, "[^a]", "x", -1))
show(pcall(string.gsub, 12, "z", "x"))
show(pcall(string.gsub, 1.5, "z", "x", 0))

-- package.searchpath: the last bad argument is reported (the reference checks right to left)
show(pcall(package.searchpath))
show(pcall(package.searchpath, "x"))
show(pcall(package.searchpath, nil, "?"))
show(pcall(package.searchpath, "x", "?", {}))

-- table.move without a destination: argument 1 must be writable too
show(pcall(table.move, "abc", 1, 2, 3))
show(pcall(table.move, "abc", 1, 2, 3, {}))
show(pcall(table.move, setmetatable({}, {__index = function() return 1 end}), 1, 2, 3))

-- C strings: modes, options, file names and __name end at their first "\0"
show(load("x =", "=c", "a\0b"))
show(load("return 1", "=c", "t\0b"))
show(load("return 1", "=c", "b\0t"))
show(pcall(collectgarbage, "isrunning\0junk"))
show(pcall(collectgarbage, "bogus\0x"))
show(io.open("/nonexistent\0/x"))
show(pcall(io.open, "/nonexistent", "r\0x"))
show(pcall(io.lines, "/nonexistent\0x"))
show(os.remove("/nonexistent\0x"))
show(os.rename("/nonexistent\0x", "/y"))
show(loadfile("/nonexistent\0x"))
show(pcall(dofile, "/nonexistent\0x"))
local named = setmetatable({}, {__name = "a\0b"})
show(pcall(string.char, named))
show(pcall(string.format, "%d", named))
show((tostring(named):gsub("0x%x+", "0x?")))
show(pcall(function() return named + 1 end))
show(pcall(function() return #named < 1 end))

-- load with a reader: the mode is checked on the first piece (this reader never ends)
show(pcall(load, function() return 1 end, "chunk", "b"))
show(pcall(load, function() return "\27" end, "chunk", "t"))
local pieces = 0
show(load(function() pieces = pieces + 1 if pieces < 3 then return "return 1 " end end, "chunk", "t\0x"))
