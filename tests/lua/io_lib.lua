-- io library: files, reading formats, lines, write, seek, buffering, popen, standard files, errors

local function show(...)
  local r = table.pack(...)
  for i = 1, r.n do
    local v = r[i]
    if io.type(v) == "file" then v = "<file>" end
    r[i] = tostring(v)
  end
  print(table.concat(r, " | ", 1, r.n))
end
local function try(f, ...) show(pcall(f, ...)) end

local names = {}
for k, v in pairs(io) do names[#names + 1] = k .. ":" .. (io.type(v) or type(v)) end
table.sort(names)
print(table.concat(names, " "))
local mt = getmetatable(io.stdout)
names = {}
for k, v in pairs(mt) do names[#names + 1] = k .. ":" .. type(v) end
table.sort(names)
print(table.concat(names, " "), mt.__name)
names = {}
for k in pairs(mt.__index) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
print(type(io.stdout), io.type(io.stdout), io.type(io.stdin), io.type(io.stderr), io.type(42), io.type({}), io.type(nil))
print(tostring(io.stdout):match("^file %(0x%x+%)$") ~= nil)
print(io.input() == io.stdin, io.output() == io.stdout)
try(io.type)

local name = os.tmpname()

-- write and read back
local f = assert(io.open(name, "w"))
show(f:write("hello\n", 42, " ", 1.5, " ", 2^53, " ", 1e100, " ", -0.0, " ", 1/0, " ", 3.0, "\n"))
show(f:write("0x1F -3.5e2 .5 0x.8p1 1e 99999999999999999999 - inf nan 0x 12a\n"))
show(f:write())
show(f:read("l"))         -- not open for reading
show(f:seek("cur"), f:seek("set", 2), f:seek("end"))
show(f:seek("set", -1))
show(f:seek("cur", 1.0))
try(f.seek, f, "bad")
try(f.seek, f, "set", 1.5)
try(f.seek, f, "set", "x")
show(f:flush(), f:setvbuf("full", 100), f:setvbuf("line"), f:setvbuf("no"))
try(f.setvbuf, f, "x")
try(f.setvbuf, f)
show(f:close())
try(f.read, f)
try(f.write, f, "x")
try(f.lines, f)
try(f.seek, f)
try(f.close, f)
print(tostring(f), io.type(f))

f = assert(io.open(name, "r"))
show(f:write("x"))        -- not open for writing
show(f:write(), f:write(""), f:write("", ""))  -- empty writes succeed anyway
show(f:read("l", "n", "n", "n", "n", "n", "n", "n"))
show(f:read("n", "n"))
show(f:read("n"))         -- "1e" is no numeral
show(f:read("l"))
f:seek("set")
show(f:read(0), f:read(5), f:read(0), f:read(1), f:read("L"))
show(f:read("*l"), f:read("*L"), f:read("*n"), f:read("*a"))
show(f:read("a"), f:read("a"), f:read(0), f:read(1), f:read("l"), f:read("L"), f:read("n"))
show(f:read())
try(f.read, f, -1)
try(f.read, f, 1.5)
try(f.read, f, {})
try(f.read, f, "x")
try(f.read, f, "n", "z")
show(f:seek("set", 6), f:read("n", "l"))
f:close()

-- numbers as read_number reads them
local function readnums(text, formats)
  local g = assert(io.open(name, "w"))
  g:write(text)
  g:close()
  g = assert(io.open(name))
  show(g:read(table.unpack(formats)))
  show(g:read("a"))
  g:close()
end
readnums("  \t\n 12  -7 +3 0x10 0XfF -0x1p4 1e2 1E+2 2.5e-1 .25 5. 0.0", {"n", "n", "n", "n", "n", "n", "n", "n", "n", "n", "n", "n"})
readnums("9223372036854775807 9223372036854775808 -9223372036854775808 0x7fffffffffffffff 0xffffffffffffffff", {"n", "n", "n", "n", "n"})
readnums("1.5.5", {"n", "n"})
readnums("0x", {"n"})
readnums("--1", {"n"})
readnums("1e+", {"n"})
readnums("abc", {"n"})
readnums("", {"n"})
readnums("12abc", {"n", "l"})
readnums("0x1.8P+1z", {"n", "l"})
readnums(string.rep("1", 250), {"n"})
readnums(string.rep("1", 199) .. " 5", {"n", "n"})
readnums("3 4", {2, "n"})

-- lines
f = assert(io.open(name, "w"))
f:write("one\ntwo\n\nfour\nlast without newline")
f:close()
for l in io.lines(name) do io.write("[", l, "]") end print()
for l in io.lines(name, "L") do io.write("[", l, "]") end print()
for a, b in io.lines(name, 1, 2) do io.write("[", a, "|", tostring(b), "]") end print()
for c in io.lines(name, 7) do io.write("<", c, ">") end print()
for n in io.lines(name, "n") do print(n) end
print(select("#", io.lines(name)), io.type(select(4, io.lines(name))))
try(function() for l in io.lines(name, "x") do end end)
try(function() for l in io.lines(name, {}) do end end)
try(io.lines, "/nonexistent/file")
try(io.lines, {})
local it = io.lines(name)
show(it(), it())
show(it(), it(), it())
show(it())   -- end of file: the file is closed
try(it)
f = assert(io.open(name))
local lit = f:lines("L")
show(lit(), lit())
for l in f:lines() do io.write("(", l, ")") end print()
show(io.type(f), f:read("a"), lit())
f:close()
try(lit)
do -- the to-be-closed file of io.lines closes on break
  local last
  for l, _, _, tbc in io.lines(name) do last = l break end
  print(last)
end
try(io.lines, name, table.unpack((function() local t = {} for i = 1, 251 do t[i] = "l" end return t end)()))
show(#table.pack(io.lines(name, table.unpack((function() local t = {} for i = 1, 250 do t[i] = "l" end return t end)()))()))

-- modes
f = assert(io.open(name, "a+"))
f:write("\ntail")
show(f:seek("set", 0), f:read("l"))
f:write("\nmore")
show(f:seek("cur"), f:seek("end"))
f:seek("set")
show(#f:read("a"))
f:close()
f = assert(io.open(name, "r+"))
f:write("ONE")
show(f:read("l"))
f:seek("set", 4)
f:write("TWO")
f:seek("set")
show(f:read("l", "l"))
f:close()
f = assert(io.open(name, "w+"))
show(f:read("a"))
f:write("abc", "def")
f:seek("set", 1)
show(f:read(2))
f:write("X")
f:seek("set")
show(f:read("a"))
f:close()
f = assert(io.open(name, "a"))
f:write("ghi")
show(f:read(1))
f:close()
f = assert(io.open(name, "rb"))
show(f:read("a"))
f:close()
show(io.open(name, "r+b") ~= nil, io.open(name, "wbb") ~= nil, io.open(name, "ab") ~= nil)
try(io.open, name, "rb+")
try(io.open, name, "+r")
try(io.open, name, "x")
try(io.open, name, "")
try(io.open, name, "rw")
try(io.open)
show(io.open("/nonexistent/file"))
show(io.open("/nonexistent/file", "w"))
show(io.open("/tmp", "w"))
f = assert(io.open("/tmp"))
show(f:read(1))
show(f:read("a"))
f:close()
-- binary data survives
f = assert(io.open(name, "wb"))
local bytes = {}
for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
f:write(table.concat(bytes))
f:close()
f = assert(io.open(name, "rb"))
local back = f:read("a")
f:close()
print(#back, back == table.concat(bytes))
-- a big file in many writes
f = assert(io.open(name, "w"))
for i = 1, 20000 do f:write(i, "\n") end
f:close()
local sum, count = 0, 0
for n in io.lines(name, "n") do sum = sum + n; count = count + 1 end
print(count, sum)
f = assert(io.open(name))
show(f:seek("end"), f:seek("set", 100), f:read("l"))
f:close()

-- write errors and arguments
try(io.write, {})
try(io.write, nil)
try(io.stdout.write, io.stdout, nil)
try(io.stdout.write, 42)
try(io.stdout.write)
try(io.read, "x")
try(io.read, {})

-- default files
io.output(name)
print(io.output() ~= io.stdout, io.type(io.output()))
io.write("to the file ", 7, "\n")
show(io.output():seek("cur"))
print("print still goes to stdout")
io.close()
try(io.write, "x")
try(io.flush)
try(io.close)
io.output(io.stdout)
io.input(name)
show(io.read("L"))
show(io.read())
io.input():close()
try(io.read)
try(io.lines)
io.input(io.stdin)
try(io.input, "/nonexistent/file")
try(io.output, "/nonexistent/dir/file")
try(io.input, {})
try(io.output, true)
local g = assert(io.open(name))
io.input(g)
print(io.input() == g)
g:close()
try(io.read)
io.input(io.stdin)

-- standard files
show(io.stdout:close())
show(io.close(io.stderr))
show(io.stdin:close())
show(io.stdout:setvbuf("no"), io.stdout:setvbuf("full"), io.stdout:flush(), io.flush())
show(io.read(), io.read("a"), io.read("n"), io.read(0), io.read(5), io.read("L"))
show(io.stdin:read("l"))
for l in io.stdin:lines() do print("never", l) end
show(io.stdin:write("x"))
io.stderr:write("")

-- __close, __gc, __tostring, __index
do
  local h <close> = assert(io.open(name))
  g = h
end
print(io.type(g), tostring(g))
show(mt.__gc(g), mt.__close(io.stdout))
try(mt.__tostring, {})
try(mt.__index.read, "x")
try(io.close, 42)

-- tmpfile
f = io.tmpfile()
print(io.type(f))
f:write("scratch data")
f:seek("set")
show(f:read("a"))
f:close()

-- popen
local p = io.popen("echo hi; echo there; exit 3")
show(p:read("l"), p:read("a"))
show(p:close())
p = io.popen("printf 'a\\nb\\n'")
for l in p:lines() do io.write("{", l, "}") end print()
show(p:close())
p = io.popen("cat > " .. name, "w")
show(p:write("fed ", 1, " ", 2.5, "\n"))
show(p:read(1))
show(p:close())
f = io.open(name)
show(f:read("a"))
f:close()
p = io.popen("kill -9 $$")
show(p:close())
p = io.popen("true", "r")
show(p:write("x"))
p:close()
try(io.popen, "ls", "rw")
try(io.popen, "ls", "")
try(io.popen)

show(os.remove(name))
local r1, r2, r3 = io.open(name)
show(r1, r2 == name .. ": No such file or directory", r3)
io.write("last line, no newline")
