-- os library: time, date, clock, getenv, files, execute, setlocale (outputs independent of the run)

local function sorted(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do parts[#parts + 1] = k .. "=" .. tostring(t[k]) end
  return table.concat(parts, " ")
end

local function try(f, ...)
  local r = table.pack(pcall(f, ...))
  for i = 1, r.n do r[i] = tostring(r[i]) end
  print(table.concat(r, " | ", 1, r.n))
end

-- names
local names = {}
for k, v in pairs(os) do names[#names + 1] = k .. ":" .. type(v) end
table.sort(names)
print(table.concat(names, " "))

-- os.time / os.clock / os.difftime types
print(math.type(os.time()), math.type(os.clock()), os.clock() >= 0)
print(os.time() >= 1700000000, os.time() == os.time(os.date("*t")) or os.time() - os.time(os.date("*t")) <= 1)
print(os.difftime(10, 5), math.type(os.difftime(10, 5)), os.difftime(0, 86400), os.difftime(5.0, 2))
try(os.difftime, 10)
try(os.difftime, 1.5, 1)
try(os.difftime, "x", 1)

-- os.date in UTC
for _, t in ipairs{0, 86400 * 365, 951782400, 1234567890, 2147483647, 4102444800, -1, -86400 * 365 * 100, 1700000000} do
  print(t, os.date("!%Y-%m-%d %H:%M:%S", t), os.date("!%c", t))
end
local all = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%"
for i = 1, #all do
  local c = all:sub(i, i)
  io.write(c, "=[", os.date("!%" .. c, 1234567890), "] ")
end
print()
for _, s in ipairs{"Ec", "EC", "Ex", "EX", "Ey", "EY", "Od", "Oe", "OH", "OI", "Om", "OM", "OS", "Ou", "OU", "OV", "Ow", "OW", "Oy"} do
  io.write(s, "=[", os.date("!%" .. s, 1234567890), "] ")
end
print()
-- week numbers and ISO years around new year
for _, d in ipairs{"2004-12-31", "2005-01-01", "2005-01-02", "2005-01-03", "2008-12-29", "2009-12-31", "2010-01-03", "2012-01-01", "2020-12-31", "2021-01-04"} do
  local y, m, dd = d:match("(%d+)-(%d+)-(%d+)")
  local t = os.time{year = tonumber(y), month = tonumber(m), day = tonumber(dd), hour = 12}
  print(d, os.date("!%a %j %U %W %V %G %g %u %w", t))
end
-- hours for %I %p
for h = 0, 23, 5 do io.write(os.date("!%H %I %p|", h * 3600)) end
print()
-- odd years: negative, small, large
for _, y in ipairs{1, 5, 99, 100, 999, 1000, 1899, 10000, 123456, 0, -1, -5, -99, -100, -101, -1000, -1900, -10000} do
  local t = os.time{year = y, month = 1, day = 3, hour = 0}
  print(y, os.date("!%Y|%C|%y|%G|%g|%F|%D|%c|%V", t))
end
print(os.date("!%Y", 67767976233532799), pcall(os.date, "!%Y", 1 << 60))
print(os.date("!%Y", 67767976233532800))
print(os.date("!literal text, no conversions", 0), os.date("!", 0) == "")
print(os.date("!%%%n%t%%", 0) == "%\n\t%")
print(os.date("!a\0b%Y", 0) == "a\0b1970")

-- *t and !*t tables
print(sorted(os.date("!*t", 86400 * 365)))
print(sorted(os.date("!*t", 0)))
print(sorted(os.date("!*t", 1234567890)))
print(sorted(os.date("!*t", -1)))
local lt = os.date("*t")
print(type(lt.isdst), type(lt.year), lt.month >= 1 and lt.month <= 12)
print(type(os.date()), #os.date() > 0, type(os.date("%c")))
print(os.date("!*t", 3.0).sec)

-- date errors
try(os.date, "%Ez abc")
try(os.date, "%")
try(os.date, "%Q")
try(os.date, "%E")
try(os.date, "%Oz")
try(os.date, "abc %", 0)
try(os.date, "%Y", 1.5)
try(os.date, "%Y", "x")
try(os.date, {})
try(os.date, "!%Y", 1 << 62)
try(os.date, "*t", 1 << 62)

-- os.time with tables (this machine's local time; the expectations assume the same zone for both)
local function lt(tab) return os.time(tab) - os.time{year = 1970, month = 1, day = 1, hour = 0} end
print(lt{year = 1970, month = 1, day = 1, hour = 0}, lt{year = 1970, month = 1, day = 2})
print(lt{year = 2000, month = 1, day = 1, hour = 0, min = 0, sec = 0})
print(lt{year = 2000, month = 13, day = 1, hour = 0} - lt{year = 2001, month = 1, day = 1, hour = 0})
print(lt{year = 2000, month = 3, day = 0, hour = 0} - lt{year = 2000, month = 2, day = 29, hour = 0})
print(lt{year = 2000, month = 1, day = 1, hour = 0, sec = -1} - lt{year = 1999, month = 12, day = 31, hour = 23, min = 59, sec = 59})
print(math.type(os.time{year = 2020, month = 6, day = 15}))
print(os.time{year = "2020", month = "6", day = 15.0} == os.time{year = 2020, month = 6, day = 15})
-- normalisation writes back the fields
local t = {year = 2020, month = 14, day = 35, hour = 25, min = -3, sec = 70}
os.time(t)
print(sorted(t))
t = {year = 2021, month = 2, day = 29}
os.time(t)
print(sorted(t))
t = {year = 2021, month = 1, day = 1, hour = 0, min = 0, sec = 0, isdst = false}
local t0 = os.time(t)
print(t.isdst, t.yday, t.wday)
-- a table with __index supplies fields
local proxy = setmetatable({}, {__index = function(_, k) return ({year = 2001, month = 9, day = 9})[k] end})
print(os.time(proxy) == os.time{year = 2001, month = 9, day = 9})
-- errors
try(os.time, {year = 2000})
try(os.time, {month = 1, day = 1})
try(os.time, {year = 2000, month = "x", day = 1})
try(os.time, {year = 2000, month = 1.5, day = 1})
try(os.time, {year = 2000, month = 1, day = {}})
try(os.time, {year = 1 << 40, month = 1, day = 1})
try(os.time, {year = 2000, month = 1, day = 1, hour = 1 << 31})
try(os.time, {year = 2000, month = 1, day = 1, min = -(1 << 31) - 1})
try(os.time, 5)
try(os.time, "x")
print(os.time(nil) >= 0)

-- getenv
print(type(os.getenv("PATH")), os.getenv("MOONLET_SURELY_UNDEFINED_VARIABLE"))
try(os.getenv)
try(os.getenv, {})

-- setlocale
print(os.setlocale(), os.setlocale("C"), os.setlocale("POSIX"), os.setlocale("xx_YY.nonexistent"))
print(os.setlocale(nil, "numeric"), os.setlocale("C", "time"), os.setlocale(nil, "all"), os.setlocale("C", "collate"))
try(os.setlocale, nil, "bad")
try(os.setlocale, {})

-- files: tmpname, rename, remove
local name = os.tmpname()
print(type(name), #name > 0)
local f = io.open(name, "r")
print(io.type(f)) -- tmpname creates the file
f:close()
local name2 = name .. ".renamed"
print(os.rename(name, name2))
print(select("#", os.rename(name, name2)), select(2, os.rename(name, name2)), select(3, os.rename(name, name2)))
print(os.remove(name2))
print(select(2, os.remove(name2)) == name2 .. ": No such file or directory", select(3, os.remove(name2)))
print(os.rename("/nonexistent/a", "/nonexistent/b"))
print(os.remove("/nonexistent/a"))
print(os.remove("/"))
try(os.remove)
try(os.rename, "a")
-- remove an empty directory
local dir = name .. ".d"
os.execute("mkdir " .. dir)
print(os.remove(dir), io.open(dir) == nil)

-- execute
print(os.execute())
print(os.execute("true"))
print(os.execute("exit 3"))
print(os.execute("false"))
print(os.execute("kill -9 $$"))
print(os.execute("exit 255"))
print(os.execute("echo from-the-shell > /dev/null"))
try(os.execute, {})

-- exit is tested last: buffered output must come out first
io.write("before exit ")
print("(print and io.write share the buffer)")
io.write("unterminated")
os.exit(true)
print("not reached")
