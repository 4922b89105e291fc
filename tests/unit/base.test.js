// Base library tests (stdlib/base.ts). Each case is Lua source with the output of the reference
// interpreter (`lua5.4 -e src 2>&1`, addresses normalised to 0xADDR), run in-process the way
// lua.c runs -e chunks (chunkname "=(command line)", traceback message handler, generational GC
// mode). Libraries that are not built yet make the cases that use them fail loudly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newLuaState } from '../../dist/stdlib/index.js';
import { loadChunk, setGCMode } from '../../dist/stdlib/base.js';
import { NativeFunction } from '../../dist/vm/function.js';

function runLua(src) {
  const S = newLuaState();
  const out = [];
  S.stdout = (s) => out.push(s);
  S.stderr = (s) => out.push(s);
  setGCMode(S, 'generational');
  const L = S.mainThread;
  const r = loadChunk(S, src, '=(command line)');
  if (!r.ok) return 'lua5.4: ' + r.error + '\n';
  const handler = new NativeFunction('msgh', (L2, base) => {
    const m = L2.stack[base];
    L2.stack[base] = typeof m === 'string' ? L2.traceback(m, 1) : m;
    return 1;
  });
  const c = L.pcall(r.fn, [], handler);
  let text = out.join('');
  if (!c.ok) text += 'lua5.4: ' + String(c.values[0]) + '\n';
  return text.replace(/0x[0-9a-f]+/g, '0xADDR');
}

const cases = [
  {
    "name": "print and tostring",
    "src": "\nprint()\nprint(nil, true, false, 1, 1.5, -0.0, 1e100, 2^63, math.mininteger, \"s\")\nprint(1, nil)\nprint(tostring(nil), tostring(10//3), tostring(10/2))\nlocal t = setmetatable({}, {__tostring = function() return \"T!\" end})\nprint(t, tostring(t))\nprint(setmetatable({}, {__tostring = function() return 42 end}))\nprint(pcall(tostring, setmetatable({}, {__tostring = function() return {} end})))\nprint(pcall(tostring))\nprint(select(2, pcall(print, setmetatable({}, {__tostring = function() error(\"in ts\") end}))))\nlocal named = tostring(setmetatable({}, {__name = \"My.Type\"}))\nprint(named:sub(1, 9), #named > 9)\nprint(tostring(print):sub(1, 9))\n",
    "expected": "\nnil\ttrue\tfalse\t1\t1.5\t-0.0\t1e+100\t9.2233720368548e+18\t-9223372036854775808\ts\n1\tnil\nnil\t3\t5.0\nT!\tT!\n42\nfalse\t'__tostring' must return a string\nfalse\tbad argument #1 to 'tostring' (value expected)\n(command line):11: in ts\nMy.Type: \ttrue\nfunction:\n"
  },
  {
    "name": "type",
    "src": "\nprint(type(nil), type(true), type(1), type(1.5), type(\"x\"), type({}), type(print), type(coroutine.create(print)))\nprint(pcall(type))\nprint(type(type))\n",
    "expected": "nil\tboolean\tnumber\tnumber\tstring\ttable\tfunction\tthread\nfalse\tbad argument #1 to 'type' (value expected)\nfunction\n"
  },
  {
    "name": "tonumber without base",
    "src": "\nprint(tonumber(\"10\"), tonumber(\"  10  \"), tonumber(\"0x10\"), tonumber(\"1e2\"), tonumber(\" -7 \"), tonumber(\"1.5\"))\nprint(tonumber(\"abc\"), tonumber(\"\"), tonumber(\" \"), tonumber(\"1 2\"), tonumber(\"10\\0\"))\nprint(tonumber(12), tonumber(1.25), tonumber({}), tonumber(nil), tonumber(true))\nprint(tonumber(\"9223372036854775807\"), tonumber(\"9223372036854775808\"), tonumber(\"-0x8000000000000000\"))\nprint(tonumber(\"0x1p4\"), tonumber(\"inf\"), tonumber(\"nan\"), tonumber(\".5\"), tonumber(\"5.\"))\nprint(tonumber(\"10\", nil))\nprint(pcall(tonumber))\n",
    "expected": "10\t10\t16\t100.0\t-7\t1.5\nnil\tnil\tnil\tnil\tnil\n12\t1.25\tnil\tnil\tnil\n9223372036854775807\t9.2233720368548e+18\t-9223372036854775808\n16.0\tnil\tnil\t0.5\t5.0\n10\nfalse\tbad argument #1 to 'tonumber' (value expected)\n"
  },
  {
    "name": "tonumber with base",
    "src": "\nprint(tonumber(\"ff\", 16), tonumber(\"  FF  \", 16), tonumber(\"-ff\", 16), tonumber(\"+11\", 2), tonumber(\"zz\", 36))\nprint(tonumber(\"1.5\", 10), tonumber(\"\", 10), tonumber(\" \", 10), tonumber(\"8\", 8), tonumber(\"777\", 8))\nprint(tonumber(\"ffffffffffffffff\", 16), tonumber(\"7fffffffffffffff\", 16), tonumber(\"-8000000000000000\", 16))\nprint(tonumber(\"1ffffffffffffffff\", 16), tonumber(\"zzzzzzzzzzzzzzzz\", 36))\nprint(tonumber(\"10\", 2.0), tonumber(\"0x10\", 16), tonumber(\"1 0\", 10), tonumber(\"-\", 10))\nprint(pcall(tonumber, \"10\", 1))\nprint(pcall(tonumber, \"10\", 37))\nprint(pcall(tonumber, 10, 16))\nprint(pcall(tonumber, \"10\", 2.5))\nprint(pcall(tonumber, \"10\", \"x\"))\nprint(pcall(tonumber, nil, 10))\n",
    "expected": "255\t255\t-255\t3\t1295\nnil\tnil\tnil\tnil\t511\n-1\t9223372036854775807\t-9223372036854775808\n-1\t-2153214848064815105\n2\tnil\tnil\tnil\nfalse\tbad argument #2 to 'tonumber' (base out of range)\nfalse\tbad argument #2 to 'tonumber' (base out of range)\nfalse\tbad argument #1 to 'tonumber' (string expected, got number)\nfalse\tbad argument #2 to 'tonumber' (number has no integer representation)\nfalse\tbad argument #2 to 'tonumber' (number expected, got string)\nfalse\tbad argument #1 to 'tonumber' (string expected, got nil)\n"
  },
  {
    "name": "select",
    "src": "\nprint(select('#'), select('#', nil, nil), select('#abc', 1))\nprint(select(1, \"a\", \"b\", \"c\"))\nprint(select(2, \"a\", \"b\", \"c\"))\nprint(select(3, \"a\", \"b\", \"c\"))\nprint(select(4, \"a\", \"b\", \"c\"))\nprint(select(-1, \"a\", \"b\", \"c\"))\nprint(select(-3, \"a\", \"b\", \"c\"))\nprint(select(2.0, \"a\", \"b\"))\nprint(pcall(select, -4, \"a\", \"b\", \"c\"))\nprint(pcall(select, 0))\nprint(pcall(select))\nprint(pcall(select, 1.5))\nprint(pcall(select, \"x\"))\nprint(select(math.maxinteger, 1, 2))\nprint(pcall(select, math.mininteger, 1))\n",
    "expected": "0\t2\t1\na\tb\tc\nb\tc\nc\n\nc\na\tb\tc\nb\nfalse\tbad argument #1 to 'select' (index out of range)\nfalse\tbad argument #1 to 'select' (index out of range)\nfalse\tbad argument #1 to 'select' (number expected, got no value)\nfalse\tbad argument #1 to 'select' (number has no integer representation)\nfalse\tbad argument #1 to 'select' (number expected, got string)\n\nfalse\tbad argument #1 to 'select' (index out of range)\n"
  },
  {
    "name": "ipairs",
    "src": "\nlocal t = {1, 2, nil, 4}\nfor i, v in ipairs(t) do print(i, v) end\nlocal p = setmetatable({}, {__index = function(_, k) if k <= 3 then return k * 10 end end})\nfor i, v in ipairs(p) do print(i, v) end\nlocal f, s, c = ipairs(t)\nprint(type(f), s == t, c)\nprint(f(t, 0))\nprint(f(t, 2))\nprint(pcall(ipairs))\nprint(ipairs(nil) ~= nil)\nprint(pcall(function() for i in ipairs(5) do end end))\nprint(pcall(f, t))\n",
    "expected": "1\t1\n2\t2\n1\t10\n2\t20\n3\t30\nfunction\ttrue\t0\n1\t1\nnil\nfalse\tbad argument #1 to 'ipairs' (value expected)\ntrue\nfalse\tattempt to index a number value\nfalse\tbad argument #2 to '?' (number expected, got no value)\n"
  },
  {
    "name": "pairs and next",
    "src": "\nlocal t = {10, 20, x = 1}\nlocal n = 0\nfor k, v in pairs(t) do n = n + 1 end\nprint(n)\nprint(next({}), next({5}), next({5}, 1))\nprint(pcall(next, {}, 1))\nprint(pcall(next, {}, \"nokey\"))\nprint(pcall(next))\nprint(pcall(next, 1))\nprint(pairs({}) == next)\nlocal f, s, c = pairs(t)\nprint(f == next, s == t, c)\nlocal mt = {__pairs = function(self) return function(_, k) if not k then return 1, \"one\" end end, self, nil end}\nfor k, v in pairs(setmetatable({}, mt)) do print(\"pairs mm\", k, v) end\nprint(select('#', pairs(setmetatable({}, {__pairs = function() return 1 end}))))\nprint(pairs(setmetatable({}, {__pairs = function() return 1, 2, 3, 4 end})))\nprint(pcall(pairs))\nprint(pcall(function() for k in pairs(nil) do end end))\nlocal co = coroutine.wrap(function()\n  for k, v in pairs(setmetatable({}, {__pairs = function(t) coroutine.yield(\"yielded in __pairs\") return next, {a = 1}, nil end})) do print(k, v) end\n  return \"done\"\nend)\nprint(co())\nprint(co())\n",
    "expected": "3\nnil\t1\tnil\nfalse\tinvalid key to 'next'\nfalse\tinvalid key to 'next'\nfalse\tbad argument #1 to 'next' (table expected, got no value)\nfalse\tbad argument #1 to 'next' (table expected, got number)\ntrue\ntrue\ttrue\tnil\npairs mm\t1\tone\n3\n1\t2\t3\nfalse\tbad argument #1 to 'pairs' (value expected)\nfalse\t(command line):19: bad argument #1 to 'for iterator' (table expected, got nil)\nyielded in __pairs\na\t1\ndone\n"
  },
  {
    "name": "raw functions",
    "src": "\nlocal t = setmetatable({}, {__index = function() return \"mm\" end, __newindex = function() error(\"no\") end, __len = function() return 99 end, __eq = function() return true end})\nprint(t.x, rawget(t, \"x\"), #t, rawlen(t), rawlen(\"abcd\"))\nprint(rawset(t, \"x\", 1) == t, rawget(t, \"x\"))\nprint(rawequal(t, t), rawequal(t, setmetatable({}, getmetatable(t))), t == setmetatable({}, getmetatable(t)))\nprint(rawequal(1, 1.0), rawequal(\"a\", \"a\"), rawequal(1, \"1\"))\nprint(pcall(rawlen))\nprint(pcall(rawlen, 5))\nprint(pcall(rawget, 1))\nprint(pcall(rawget, {}))\nprint(pcall(rawset, {}, nil, 1))\nprint(pcall(rawset, {}, 0/0, 1))\nprint(pcall(rawset, {}, 1))\nprint(pcall(rawequal, 1))\nprint(rawget({[1] = \"one\"}, 1.0), rawget({[2^53] = \"big\"}, 2^53))\n",
    "expected": "mm\tnil\t99\t0\t4\ntrue\t1\ntrue\tfalse\ttrue\ntrue\ttrue\tfalse\nfalse\tbad argument #1 to 'rawlen' (table or string expected, got no value)\nfalse\tbad argument #1 to 'rawlen' (table or string expected, got number)\nfalse\tbad argument #1 to 'rawget' (table expected, got number)\nfalse\tbad argument #2 to 'rawget' (value expected)\nfalse\ttable index is nil\nfalse\ttable index is NaN\nfalse\tbad argument #3 to 'rawset' (value expected)\nfalse\tbad argument #2 to 'rawequal' (value expected)\none\tbig\n"
  },
  {
    "name": "metatables",
    "src": "\nlocal t = {}\nlocal mt = {}\nprint(setmetatable(t, mt) == t, getmetatable(t) == mt)\nprint(setmetatable(t, nil) == t, getmetatable(t))\nprint(pcall(setmetatable, t))\nprint(pcall(setmetatable, t, 5))\nprint(pcall(setmetatable, 5, {}))\nprint(pcall(setmetatable))\nlocal p = setmetatable({}, {__metatable = \"locked\"})\nprint(getmetatable(p))\nprint(pcall(setmetatable, p, {}))\nprint(pcall(setmetatable, p, nil))\nprint(getmetatable(\"abc\").__index == string, getmetatable(1), getmetatable(print))\nprint(pcall(getmetatable))\nprint(getmetatable(setmetatable({}, {__metatable = false})))\n",
    "expected": "true\ttrue\ntrue\tnil\nfalse\tbad argument #2 to 'setmetatable' (nil or table expected, got no value)\nfalse\tbad argument #2 to 'setmetatable' (nil or table expected, got number)\nfalse\tbad argument #1 to 'setmetatable' (table expected, got number)\nfalse\tbad argument #1 to 'setmetatable' (table expected, got no value)\nlocked\nfalse\tcannot change a protected metatable\nfalse\tcannot change a protected metatable\ntrue\tnil\tnil\nfalse\tbad argument #1 to 'getmetatable' (value expected)\nfalse\n"
  },
  {
    "name": "assert",
    "src": "\nprint(assert(1, 2, 3))\nprint(assert(true))\nprint(pcall(assert, false))\nprint(pcall(assert, nil, \"msg\"))\nprint(pcall(assert, false, 42))\nlocal e = {}\nprint(select(2, pcall(assert, false, e)) == e)\nprint(pcall(assert))\nprint(pcall(function() assert(false, \"with position\") end))\nprint(pcall(function() assert(1 == 2) end))\nprint(pcall(function() assert(false, nil) end))\n",
    "expected": "1\t2\t3\ntrue\nfalse\tassertion failed!\nfalse\tmsg\nfalse\t42\ntrue\nfalse\tbad argument #1 to 'assert' (value expected)\nfalse\t(command line):10: with position\nfalse\t(command line):11: assertion failed!\nfalse\tnil\n"
  },
  {
    "name": "load with strings",
    "src": "\nprint(load(\"return 1 + 1\")())\nprint(load(\"x =\"))\nprint(load(\"x =\", \"=mychunk\"))\nprint(load(\"x =\", \"@file.lua\"))\nprint(load(\"return ...\", \"c\")(1, 2, 3))\nprint(load(\"return 1\", \"c\", \"b\"))\nprint(load(\"\\27Lua\", \"c\", \"t\"))\nprint(load(\"return 1\", \"c\", \"x\"))\nprint(load(\"return 1\", \"c\", \"t\")())\nlocal env = {y = 7}\nprint(load(\"return y\", \"c\", \"t\", env)())\nprint(load(\"y = 8; return y\", \"c\", \"bt\", env)(), env.y)\nprint(pcall(load(\"return y\", \"c\", \"t\", nil)))\nprint(load(12))\nprint(pcall(load))\nprint(pcall(load, {}))\nprint(load(\"return _ENV\")() == _G)\nlocal long = \"x = = 1 -- a long chunk that is used as its own name in the error message\"\nprint(load(long))\nprint(load(\"local x <const> = 1; x = 2\"))\n",
    "expected": "2\nnil\t[string \"x =\"]:1: unexpected symbol near <eof>\nnil\tmychunk:1: unexpected symbol near <eof>\nnil\tfile.lua:1: unexpected symbol near <eof>\n1\t2\t3\nnil\tattempt to load a text chunk (mode is 'b')\nnil\tattempt to load a binary chunk (mode is 't')\nnil\tattempt to load a text chunk (mode is 'x')\n1\n7\n8\t8\nfalse\t[string \"c\"]:1: attempt to index a nil value (upvalue '_ENV')\nnil\t[string \"12\"]:1: unexpected symbol near '12'\nfalse\tbad argument #1 to 'load' (function expected, got no value)\nfalse\tbad argument #1 to 'load' (function expected, got table)\ntrue\nnil\t[string \"x = = 1 -- a long chunk that is used as its o...\"]:1: unexpected symbol near '='\nnil\t[string \"local x <const> = 1; x = 2\"]:1: attempt to assign to const variable 'x'\n"
  },
  {
    "name": "load with reader functions",
    "src": "\nlocal parts = {\"return \", \"1\", \" + \", \"41\"}\nlocal i = 0\nprint(load(function() i = i + 1 return parts[i] end)())\ni = 0\nlocal p2 = {\"return 'a'\", \"\", \"..'b'\"}\nprint(load(function() i = i + 1 return p2[i] end)())\nprint(load(function() return nil end))\nlocal once = false\nprint(load(function() if once then return nil end once = true return 1 end))\nprint(pcall(function() return load(function() return {} end) end))\nprint(pcall(function() return load(function() error(\"reader failed\") end) end))\nprint(pcall(function() return load(function() error({}) end) end))\nprint(load(function() return nil end, \"=named\"))\ni = 0\nprint(load(function() i = i + 1 return ({\"x\", \" =\"})[i] end, \"=rd\"))\n",
    "expected": "42\na\nfunction: 0xADDR\nnil\t(load):1: unexpected symbol near '1'\ntrue\tnil\t(command line):11: reader function must return a string\ntrue\tnil\t(command line):12: reader failed\ntrue\tnil\ttable: 0xADDR\nfunction: 0xADDR\nnil\trd:1: unexpected symbol near <eof>\n"
  },
  {
    "name": "collectgarbage",
    "src": "\nprint(collectgarbage(\"incremental\"))\nprint(collectgarbage(\"incremental\"))\nprint(collectgarbage(\"generational\"))\nprint(collectgarbage(\"incremental\"))\nprint(collectgarbage(), collectgarbage(\"collect\"), collectgarbage(\"stop\"), collectgarbage(\"isrunning\"))\nprint(collectgarbage(\"restart\"), collectgarbage(\"isrunning\"))\nprint(collectgarbage(\"step\"), collectgarbage(\"step\", 100))\nprint(collectgarbage(\"setpause\", 100), collectgarbage(\"setpause\"), collectgarbage(\"setpause\", 200))\nprint(collectgarbage(\"setstepmul\", 50), collectgarbage(\"setstepmul\"), collectgarbage(\"setstepmul\", 100))\nprint(math.type(collectgarbage(\"count\")), collectgarbage(\"count\") > 0)\nprint(pcall(collectgarbage, \"x\"))\nprint(pcall(collectgarbage, \"step\", \"x\"))\nprint(pcall(collectgarbage, 1))\n",
    "expected": "generational\nincremental\nincremental\ngenerational\n0\t0\t0\tfalse\n0\ttrue\ntrue\ttrue\n200\t100\t0\n100\t48\t0\nfloat\ttrue\nfalse\tbad argument #1 to 'collectgarbage' (invalid option 'x')\nfalse\tbad argument #2 to 'collectgarbage' (number expected, got string)\nfalse\tbad argument #1 to 'collectgarbage' (invalid option '1')\n"
  },
  {
    "name": "globals",
    "src": "\nprint(_G._G == _G, _VERSION, type(_G))\nlocal names = \"\"\nfor _, n in ipairs({\"assert\", \"collectgarbage\", \"dofile\", \"error\", \"getmetatable\", \"ipairs\", \"load\", \"loadfile\", \"next\", \"pairs\", \"pcall\", \"print\", \"rawequal\", \"rawget\", \"rawlen\", \"rawset\", \"select\", \"setmetatable\", \"tonumber\", \"tostring\", \"type\", \"warn\", \"xpcall\"}) do\n  names = names .. \" \" .. n .. \"=\" .. type(_G[n])\nend\nprint(names)\n",
    "expected": "true\tLua 5.4\ttable\n assert=function collectgarbage=function dofile=function error=function getmetatable=function ipairs=function load=function loadfile=function next=function pairs=function pcall=function print=function rawequal=function rawget=function rawlen=function rawset=function select=function setmetatable=function tonumber=function tostring=function type=function warn=function xpcall=function\n"
  },
  {
    "name": "warn",
    "src": "\nwarn(\"not shown\")\nwarn(\"@on\")\nwarn(\"shown \", \"in \", \"pieces\")\nwarn(\"@unknown\")\nwarn(\"@off\")\nwarn(\"hidden\")\nwarn(\"@on\")\nwarn(1, 2)\nprint(pcall(warn))\nprint(pcall(warn, \"a\", {}))\nprint(pcall(warn, \"a\", nil))\n",
    "expected": "Lua warning: shown in pieces\nLua warning: 12\nfalse\tbad argument #1 to 'warn' (string expected, got no value)\nfalse\tbad argument #2 to 'warn' (string expected, got table)\nfalse\tbad argument #2 to 'warn' (string expected, got nil)\n"
  },
  {
    "name": "dofile and loadfile errors",
    "src": "\nprint(loadfile(\"/nonexistent/file.lua\"))\nprint(pcall(dofile, \"/nonexistent/file.lua\"))\nprint(loadfile(\"/tmp\"))\nprint(pcall(loadfile, {}))\nprint(pcall(dofile, {}))\n",
    "expected": "nil\tcannot open /nonexistent/file.lua: No such file or directory\nfalse\tcannot open /nonexistent/file.lua: No such file or directory\nnil\tcannot read /tmp: Is a directory\nfalse\tbad argument #1 to 'loadfile' (string expected, got table)\nfalse\tbad argument #1 to 'dofile' (string expected, got table)\n"
  }
];

for (const c of cases) {
  test(c.name, () => {
    assert.equal(runLua(c.src), c.expected);
  });
}
