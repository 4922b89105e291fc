-- the package library and require (manual §6.3), with helper modules in tests/lua/modules/
-- (paths are relative to the repository root, where the corpus runs)

local function show(...)
  local t = table.pack(...)
  for i = 1, t.n do
    local v = t[i]
    t[i] = type(v) == "table" and "<table>" or type(v) == "function" and "<function>" or tostring(v)
  end
  return table.concat(t, " ", 1, t.n)
end

local function try(label, f, ...)
  local r = table.pack(pcall(f, ...))
  if r[1] then print(label, "ok", show(table.unpack(r, 2, r.n)))
  else print(label, "error", type(r[2]) == "table" and "table code " .. tostring(r[2].code) or r[2]) end
end

local DIR = "tests/lua/modules/"
package.path = DIR .. "?.lua;" .. DIR .. "?/init.lua"
package.cpath = DIR .. "?.so;" .. DIR .. "lib/?/core.so"

-- the library
print(type(package), type(require), package.loaded.package == package, package.loaded._G == _G)
print(package.loaded.string == string, package.loaded.table == table, package.loaded.math == math,
      package.loaded.coroutine == coroutine, package.loaded.utf8 == utf8)
print(show(package.config))
print(#package.searchers, type(package.searchers[1]), type(package.searchpath), type(package.loadlib))
print(type(package.preload), next(package.preload))
print(select("#", package.loadlib("tests/lua/modules/none.so", "luaopen_none")), (package.loadlib("x", "y")))
try("loadlib no args", package.loadlib)

-- require: first load, cached load, loader arguments
local a, where = require("mod_a")
print(a.name, a.file, where, a.hello("world"), LOADS)
local a2, where2 = require("mod_a")
print(a2 == a, where2, LOADS, select("#", require("mod_a")))
print(package.loaded.mod_a == a)

print(show(require("mod_nil")), package.loaded.mod_nil)
print(show(require("mod_sets")), package.loaded.mod_sets)
print(show(require("mod_false")), FALSE_LOADS, package.loaded.mod_false)
print(show(require("mod_false")), FALSE_LOADS)
print(show(require("mod_multi")))
local p, pw = require("pkg")
print(p.init, p.args.n, p.args[1], p.args[2], pw)
local s = require("pkg.sub")
print(s.sub, s.name, s.file)
local ca = require("cyc_a")
print(ca.name, ca.b.name, ca.b.a_name)
print(require("shebang"))

-- errors while loading or running a module
try("syntax", require, "syntax_err")
try("runtime", require, "runtime_err")
try("error object", require, "err_obj")
try("directory", require, "isdir")
print(package.loaded.syntax_err, package.loaded.runtime_err)
try("not found", require, "no_such_module")
try("not found dotted", require, "no.such.mod")
try("number name", require, 42)
try("no name", require)
try("table name", require, {})

-- package.loaded: require uses the original table even when the field is replaced
package.loaded.fake = "preset"
print(require("fake"))
local saved = package.loaded
package.loaded = {}
print(require("fake"), require("mod_a") == a)
package.loaded = saved
package.loaded.fake = nil

-- package.preload
package.preload.virtual = function(...)
  print("preload loader", ...)
  return { virtual = true }
end
local v, vw = require("virtual")
print(v.virtual, vw, require("virtual") == v)
package.preload.nothing = function() end
print(require("nothing"), package.loaded.nothing)
package.preload.failing = function(name) error("cannot load " .. name) end
try("preload error", require, "failing")
package.preload.notfunc = 42
try("preload non-function", require, "notfunc")

-- package.searchers: custom searchers, messages, and a broken table
table.insert(package.searchers, 2, function(name)
  if name == "custom" then
    return function(n, extra) return "custom module " .. n .. " " .. extra end, "custom-data"
  elseif name:sub(1, 3) == "num" then
    return 123
  elseif name:sub(1, 3) == "sil" then
    return nil
  end
  return "\n\tcustom searcher: no '" .. name .. "'"
end)
print(require("custom"))
try("custom message", require, "missing1")
try("number message", require, "num1")
try("silent searcher", require, "sil1")
table.remove(package.searchers, 2)
local searchers = package.searchers
package.searchers = { function() return nil end }
try("one silent searcher", require, "x1")
package.searchers = {}
try("no searchers", require, "x2")
package.searchers = "oops"
try("searchers not a table", require, "x3")
package.searchers = searchers

-- package.path / cpath must be strings
local path, cpath = package.path, package.cpath
package.path = 10
try("numeric path", require, "y1")
package.path = false
try("bad path", require, "y2")
package.path = path
package.cpath = nil
try("bad cpath", require, "y3")
package.cpath = cpath
package.path = ""
try("empty path", require, "y4")
package.path = ";" .. DIR .. "?.lua;;x/?"
try("empty entries", require, "y5")
package.path = path

-- the searchers directly
print(show(package.searchers[1]("mod_a")))
print(show(package.searchers[2]("no_such")))
print(show(package.searchers[2]("mod_multi")))
print(show(package.searchers[3]("no_such")))
print(show(package.searchers[4]("no_such")))
print(show(package.searchers[4]("no.such")))
try("searcher no arg", package.searchers[2])
try("searcher error", package.searchers[2], "syntax_err")

-- package.searchpath
print(package.searchpath("mod_a", package.path))
print(package.searchpath("pkg.sub", package.path))
print(package.searchpath("pkg", package.path))
print(package.searchpath("nothing.here", "a/?.lua;b/?/x.lua;?"))
print(package.searchpath("pkg_sub", DIR .. "?.lua", "_"))
print(package.searchpath("pkg_sub", DIR .. "?.lua", "_", "/"))
print(package.searchpath("pkg/sub", DIR .. "?.lua", "/", "."))
print(package.searchpath("a.b.c", "?;?.x", "."))
print(package.searchpath("a.b.c", "?", ""))
print(package.searchpath("a..b", "?", "..", "::"))
print(package.searchpath("x", ""))
print(package.searchpath("mod_a", "nothing;;" .. DIR .. "?.lua"))
print(package.searchpath("a?b", "p?q"))
print(package.searchpath(12, DIR .. "?.lua"))
try("searchpath no path", package.searchpath, "x")
try("searchpath bad sep", package.searchpath, "x", "?", {})

-- loadfile and dofile share the loader of require
local f = assert(loadfile(DIR .. "mod_multi.lua"))
print(f())
print(loadfile(DIR .. "no_such.lua"))
print(loadfile(DIR .. "syntax_err.lua"))
print(loadfile(DIR .. "mod_multi.lua", "b"))
print(loadfile(DIR .. "mod_multi.lua", "t") ~= nil)
local env = {}
local g = assert(loadfile(DIR .. "withenv.lua", "t", env))
print(g("x"))
print(g("y"))
print(env.value, value)
print(dofile(DIR .. "mod_multi.lua"))
print(dofile(DIR .. "shebang.lua"))
try("dofile missing", dofile, DIR .. "no_such.lua")
try("dofile syntax", dofile, DIR .. "syntax_err.lua")
try("dofile runtime", dofile, DIR .. "runtime_err.lua")
try("loadfile bad name", loadfile, {})
