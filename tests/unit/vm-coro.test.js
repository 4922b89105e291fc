// VM tests: coro
// Generated: each case is Lua source with the output of the reference interpreter (lua5.4 -e),
// addresses normalised to 0xADDR. Run by tests/unit/vm-helpers.js (see there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCase, canCompile } from './vm-helpers.js';

const cases = [
  {
    "name": "coroutine basics",
    "src": "local co = coroutine.create(function(a, b)\n  print(\"start\", a, b)\n  local c = coroutine.yield(a + b)\n  print(\"got\", c)\n  local d, e = coroutine.yield(c * 2)\n  return d + e\nend)\nprint(coroutine.resume(co, 1, 2))\nprint(coroutine.status(co))\nprint(coroutine.resume(co, 10))\nprint(coroutine.resume(co, 3, 4))\nprint(coroutine.status(co))\nprint(coroutine.resume(co))\nprint(coroutine.isyieldable())\nprint(select('#', coroutine.running()), select(2, coroutine.running()))\nprint(coroutine.resume(coroutine.create(function() return coroutine.isyieldable(), select(2, coroutine.running()) end)))\nprint(coroutine.resume(coroutine.create(print), 1, 2))\nprint(coroutine.status(coroutine.create(print)))\nprint(coroutine.wrap(function(...) return select('#', ...) end)(nil, nil))\nlocal function gen(n) return coroutine.wrap(function() for i = 1, n do coroutine.yield(i) end end) end\nfor i in gen(3) do print(\"gen\", i) end\n",
    "expected": "start\t1\t2\ntrue\t3\nsuspended\ngot\t10\ntrue\t20\ntrue\t7\ndead\nfalse\tcannot resume dead coroutine\nfalse\n2\ttrue\ntrue\ttrue\tfalse\n1\t2\ntrue\nsuspended\n2\ngen\t1\ngen\t2\ngen\t3\n"
  },
  {
    "name": "coroutine errors and status",
    "src": "print(pcall(coroutine.resume))\nprint(pcall(coroutine.resume, 1))\nprint(pcall(coroutine.create, 1))\nlocal w = coroutine.wrap(function() error(\"werr\") end)\nprint(pcall(w))\nprint(pcall(w))\nlocal w2 = coroutine.wrap(function() return 1 end)\nw2()\nprint(pcall(w2))\nprint(pcall(coroutine.wrap(function() error({}) end)))\nprint(pcall(coroutine.wrap(function() local x = nil; x() end)))\nlocal co = coroutine.create(function() coroutine.resume(coroutine.running()) end)\nprint(coroutine.resume(co))\nco = coroutine.create(function() return coroutine.resume(coroutine.running()) end)\nprint(coroutine.resume(co))\nlocal co1\nco1 = coroutine.create(function()\n  local co2 = coroutine.create(function() print(coroutine.status(co1)); print(pcall(coroutine.close, co1)) end)\n  coroutine.resume(co2)\nend)\nprint(coroutine.resume(co1))\nprint(pcall(coroutine.close, coroutine.running()))\nprint(coroutine.resume(coroutine.create(function() error(\"E\") end)))\nprint(pcall(coroutine.yield))\n",
    "expected": "false\tbad argument #1 to 'coroutine.resume' (thread expected, got no value)\nfalse\tbad argument #1 to 'coroutine.resume' (thread expected, got number)\nfalse\tbad argument #1 to 'coroutine.create' (function expected, got number)\nfalse\t(command line):4: werr\nfalse\tcannot resume dead coroutine\nfalse\tcannot resume dead coroutine\nfalse\ttable: 0xADDR\nfalse\t(command line):11: attempt to call a nil value (local 'x')\ntrue\ntrue\tfalse\tcannot resume non-suspended coroutine\nnormal\nfalse\tcannot close a normal coroutine\ntrue\nfalse\tcannot close a running coroutine\nfalse\t(command line):23: E\nfalse\tattempt to yield from outside a coroutine\n"
  },
  {
    "name": "coroutine.close and to-be-closed variables",
    "src": "local co = coroutine.create(function() local x <close> = setmetatable({}, {__close = function(o, e) print(\"closing\", e) end}); coroutine.yield(1) end)\nprint(coroutine.resume(co))\nprint(coroutine.close(co), coroutine.status(co))\nco = coroutine.create(function() local x <close> = setmetatable({}, {__close = function(o, e) print(\"closing\", e); error(\"cerr\") end}); coroutine.yield(1) end)\ncoroutine.resume(co)\nprint(coroutine.close(co))\nco = coroutine.create(function() local x <close> = setmetatable({}, {__close = function(o, e) print(\"closing2\", e) end}); error(\"E\") end)\nprint(coroutine.resume(co))\nprint(coroutine.close(co))\nprint(coroutine.close(co))\nprint(coroutine.close(coroutine.create(print)))\nlocal w = coroutine.wrap(function() local x <close> = setmetatable({}, {__close = function(o, e) print(\"wrap close\", e) end}); error(\"WE\") end)\nprint(pcall(w))\n",
    "expected": "true\t1\nclosing\tnil\ntrue\tdead\nclosing\tnil\nfalse\t(command line):4: cerr\nfalse\t(command line):7: E\nclosing2\t(command line):7: E\nfalse\t(command line):7: E\ntrue\ntrue\nwrap close\t(command line):12: WE\nfalse\t(command line):12: WE\n"
  },
  {
    "name": "yields across pcall, metamethods and iterators",
    "src": "local mt = {}\nmt.__index = function(t, k) return coroutine.yield(\"index \" .. k) end\nmt.__newindex = function(t, k, v) coroutine.yield(\"newindex \" .. k) rawset(t, k, v) end\nmt.__add = function(a, b) return coroutine.yield(\"add\") end\nmt.__lt = function(a, b) return coroutine.yield(\"lt\") end\nmt.__le = function(a, b) return coroutine.yield(\"le\") end\nmt.__eq = function(a, b) return coroutine.yield(\"eq\") end\nmt.__concat = function(a, b) return coroutine.yield(\"concat\") end\nmt.__len = function(a) return coroutine.yield(\"len\") end\nmt.__unm = function(a) return coroutine.yield(\"unm\") end\nmt.__call = function(self, x) return coroutine.yield(\"call \" .. x) end\nmt.__close = function(o, e) coroutine.yield(\"close\") end\nlocal co = coroutine.wrap(function()\n  local t = setmetatable({}, mt)\n  local u = setmetatable({}, mt)\n  print(\"r1\", t.foo)\n  t.bar = 5\n  print(\"r2\", rawget(t, \"bar\"))\n  print(\"r3\", t + 1)\n  print(\"r4\", t < u, t <= u, t == u)\n  if t < u then print(\"lt true\") else print(\"lt false\") end\n  print(\"r5\", \"a\" .. t .. \"b\")\n  print(\"r6\", #t, -t)\n  print(\"r7\", t(9))\n  do local c <close> = t end\n  print(\"r8\", pcall(function() return t.x, t + 2 end))\n  for k in function(s, c) return coroutine.yield(\"iter\") end do print(\"loop\", k) break end\n  local ok, e = pcall(function() coroutine.yield(\"in pcall\"); error(\"after yield\") end)\n  print(\"r9\", ok, e)\n  print(\"r10\", xpcall(function() coroutine.yield(\"in xpcall\"); local x = nil; return x.y end, function(m) return \"H:\" .. m end))\n  print(\"r11\", pcall(coroutine.yield, \"direct\"))\n  return \"done\"\nend)\nlocal v = co()\nlocal n = 0\nwhile v ~= \"done\" do\n  n = n + 1\n  print(\"yielded\", v)\n  if v == \"lt\" or v == \"le\" or v == \"eq\" then v = co(n % 2 == 0) else v = co(\"R\" .. n) end\nend\nprint(\"end\", n)\n",
    "expected": "yielded\tindex foo\nr1\tR1\nyielded\tnewindex bar\nr2\t5\nyielded\tadd\nr3\tR3\nyielded\tlt\nyielded\tle\nyielded\teq\nr4\ttrue\tfalse\ttrue\nyielded\tlt\nlt false\nyielded\tconcat\nr5\taR8\nyielded\tlen\nyielded\tunm\nr6\tR9\tR10\nyielded\tcall 9\nr7\tR11\nyielded\tclose\nyielded\tindex x\nyielded\tadd\nr8\ttrue\tR13\tR14\nyielded\titer\nloop\tR15\nyielded\tin pcall\nr9\tfalse\t(command line):28: after yield\nyielded\tin xpcall\nr10\tfalse\tH:(command line):30: attempt to index a nil value (local 'x')\nyielded\tdirect\nr11\ttrue\tR18\nend\t18\n"
  },
  {
    "name": "yield across a C-call boundary is an error",
    "src": "print(coroutine.resume(coroutine.create(function() return table.sort({3, 2, 1}, function(a, b) coroutine.yield() return a < b end) end)))\nprint(coroutine.resume(coroutine.create(function() return tostring(setmetatable({}, {__tostring = function() coroutine.yield() end})) end)))\n",
    "expected": "false\tattempt to yield across a C-call boundary\nfalse\tattempt to yield across a C-call boundary\n"
  },
  {
    "name": "nested coroutines and C stack limits",
    "src": "local function deep(n) if n == 0 then return coroutine.yield(\"bottom\") end return deep(n - 1) end\nlocal co = coroutine.create(function() return deep(100000) end)\nprint(coroutine.resume(co))\nprint(coroutine.resume(co, \"back\"))\nlocal n = 0\nlocal function f() n = n + 1 local c = coroutine.wrap(f) return c() end\nlocal ok, e = pcall(f)\nprint(ok, n, #e)\nn = 0\nlocal function g() n = n + 1 return pcall(g) end\ng() print(n)\nn = 0\nlocal t = setmetatable({}, {__index = function(t, k) n = n + 1 return t[k] end})\nprint(pcall(function() return t.x end), n)\nlocal r = setmetatable({}, {__tostring = function(s) return tostring(s) end})\nprint(pcall(tostring, r))\n",
    "expected": "true\tbottom\ntrue\tback\nfalse\t197\t3562\n198\nfalse\t196\nfalse\tC stack overflow\n"
  },
  {
    "name": "yields inside __close (block exit, return, break, error unwinding)",
    "src": "local mt = {__close = function(o, e) print(\"closing\", o.name, e) coroutine.yield(\"y-\" .. o.name) print(\"closed\", o.name) end}\nlocal function obj(n) return setmetatable({name = n}, mt) end\nlocal co = coroutine.wrap(function(...)\n  local function f(...)\n    local a <close> = obj(\"a\")\n    local b <close> = obj(\"b\")\n    return \"r1\", \"r2\", ...\n  end\n  print(\"f returned\", f(\"x\", \"y\"))\n  for i = 1, 3 do\n    local c <close> = obj(\"c\" .. i)\n    if i == 2 then break end\n  end\n  local ok, err = pcall(function()\n    local d <close> = obj(\"d\")\n    error(\"E\")\n  end)\n  print(\"pcall\", ok, err)\n  return \"end\"\nend)\nlocal v = co()\nwhile v ~= \"end\" do print(\"got\", v) v = co() end\n",
    "expected": "closing\tb\tnil\ngot\ty-b\nclosed\tb\nclosing\ta\tnil\ngot\ty-a\nclosed\ta\nf returned\tr1\tr2\tx\ty\nclosing\tc1\tnil\ngot\ty-c1\nclosed\tc1\nclosing\tc2\tnil\ngot\ty-c2\nclosed\tc2\nclosing\td\t(command line):16: E\ngot\ty-d\nclosed\td\npcall\tfalse\t(command line):16: E\n"
  }
];

for (const c of cases) {
  test(c.name, { skip: !canCompile() && 'no Lua compiler available (luac5.4 or src/frontend)' }, () => {
    assert.equal(runCase(c.src), c.expected);
  });
}
