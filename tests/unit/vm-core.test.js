// VM tests: core
// Generated: each case is Lua source with the output of the reference interpreter (lua5.4 -e),
// addresses normalised to 0xADDR. Run by tests/unit/vm-helpers.js (see there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCase, canCompile } from './vm-helpers.js';

const cases = [
  {
    "name": "calls, returns, multiple results",
    "src": "local function f(...) return ... end\nlocal function g() return 1, 2, 3 end\nprint(f(1, 2, 3), (f(1, 2)), g(), g())\nprint(({g(), g()})[4], #{g(), g()}, select('#', f()), select('#', f(nil, nil)))\nlocal t = {f(1, 2), f(3, 4)} print(#t, t[1], t[2], t[3])\nlocal function h(a, b, c) return a, b, c end\nprint(h(1), h(1, 2, 3, 4))\n",
    "expected": "1\t1\t1\t1\t2\t3\n3\t4\t0\t2\n3\t1\t3\t4\n1\t1\t2\t3\n"
  },
  {
    "name": "varargs",
    "src": "local function va(...)\n  local a, b = ...\n  local n = select('#', ...)\n  return n, a, b, ...\nend\nprint(va())\nprint(va(nil))\nprint(va(1, nil, 3))\nlocal function fixed(a, b, ...) return a, b, select('#', ...), ... end\nprint(fixed(1))\nprint(fixed(1, 2, 3, 4, 5))\nprint(pcall(va, 9, 8))\n",
    "expected": "0\tnil\tnil\n1\tnil\tnil\tnil\n3\t1\tnil\t1\tnil\t3\n1\tnil\t0\n1\t2\t3\t3\t4\t5\ntrue\t2\t9\t8\t9\t8\n"
  },
  {
    "name": "tail calls",
    "src": "local function count(n, acc) if n == 0 then return acc end return count(n - 1, acc + 1) end\nprint(count(300000, 0))\nlocal function tv(n, ...) if n == 0 then return select('#', ...), ... end return tv(n - 1, n, ...) end\nprint(tv(4))\nlocal t = setmetatable({}, {__call = function(self, a, b) return \"called\", a, b end})\nlocal function tc(x) return t(x, 2) end\nprint(tc(1))\nlocal function tn(s) return select('#', s, s) end\nprint(tn(\"x\"))\n",
    "expected": "300000\n4\t1\t2\t3\t4\ncalled\t1\t2\n2\n"
  },
  {
    "name": "deep recursion does not use the JS stack",
    "src": "local function f(n) if n == 0 then return 0 end return 1 + f(n-1) end print(f(200000))\nlocal function g(n) if n == 0 then return 0 end local x = g(n - 1) return x + 1 end print(g(150000))\n",
    "expected": "200000\n150000\n"
  },
  {
    "name": "infinite recursion is a catchable stack overflow",
    "src": "local function f() return 1 + f() end\nlocal ok, e = pcall(f)\nprint(ok, e)\nlocal ok2, e2 = pcall(f)\nprint(ok2, e2)\nlocal function g(n) return g(n + 1) + 1 end\nprint(pcall(g, 1))\nprint(select(2, xpcall(f, function(m) return \"handled: \" .. m end)))\n",
    "expected": "false\t(command line):1: stack overflow\nfalse\t(command line):1: stack overflow\nfalse\t(command line):6: stack overflow\nhandled: (command line):1: stack overflow\n"
  },
  {
    "name": "closures and upvalues",
    "src": "local x = 10\nlocal function mk() local c = 0 return function() c = c + 1; x = x + 1; return c, x end end\nlocal f1, f2 = mk(), mk()\nprint(f1(), f1(), f2(), x)\nlocal fs = {}\nfor i = 1, 3 do fs[i] = function() return i end end\nprint(fs[1](), fs[2](), fs[3]())\nlocal a = {}\ndo local v = 1; a[1] = function() v = v + 1 return v end; a[2] = function() return v end end\nprint(a[1](), a[1](), a[2]())\nlocal function outer() local u = 1; local function mid() local function inner() u = u * 2 return u end return inner end return mid() end\nlocal inn = outer() print(inn(), inn())\n",
    "expected": "1\t2\t1\t13\n1\t2\t3\n2\t3\t3\n2\t4\n"
  },
  {
    "name": "integer and float arithmetic",
    "src": "print(1 + 2, 1 + 2.0, 7 // 2, -7 // 2, 7 % 3, -7 % 3, 7 % -3, 7.5 % 2, -7.5 % 2, 2^10, 10 / 2, 1 / 0, -1 / 0)\nprint(math.maxinteger + 1 == math.mininteger, math.maxinteger * 2, -math.mininteger, math.mininteger // -1, math.mininteger % -1)\nprint(5 // 0.0, -5 // 0.0, 0/0 ~= 0/0, 3.5 % -2, 5.0 // 2, 2^53 + 1, 1e15 * 10, 3 * 1.0, 9007199254740991 + 1, 4611686018427387904 * 2)\nprint(1 << 63, 1 << 64, -1 >> 1, -1 >> 63, 3 & 5, 3 | 5, 3 ~ 5, ~0, ~5, 5 >> -1, 1 << -1, 2^63 == math.mininteger, 1e15 | 0)\nlocal a, b = 6, 4\nprint(a + b, a - b, a * b, a / b, a % b, a // b, a ^ b, a & b, a | b, a ~ b, a << b, a >> 1, -a, ~a)\nlocal x, y = 6.5, 2\nprint(x + y, x - y, x * y, x / y, x % y, x // y, x ^ y, -x, x + 0.5, 0.1 + 0.2)\nprint(100000000000000 * 100000, 9007199254740993 - 1, math.maxinteger // 2, 0x7fffffff * 0x7fffffff)\nprint(1 == 1.0, 1 < 1.5, 2^53 == 2^53 + 1, math.maxinteger + 0.0 == math.maxinteger, math.maxinteger < math.maxinteger + 0.0, -0.0 == 0)\n",
    "expected": "3\t3.0\t3\t-4\t1\t2\t-2\t1.5\t0.5\t1024.0\t5.0\tinf\t-inf\ntrue\t-2\t-9223372036854775808\t-9223372036854775808\t0\ninf\t-inf\ttrue\t-0.5\t2.0\t9.007199254741e+15\t1e+16\t3.0\t9007199254740992\t-9223372036854775808\n-9223372036854775808\t0\t9223372036854775807\t1\t1\t7\t6\t-1\t-6\t10\t0\tfalse\t1000000000000000\n10\t2\t24\t1.5\t2\t1\t1296.0\t4\t6\t2\t96\t3\t-6\t-7\n8.5\t4.5\t13.0\t3.25\t0.5\t3.0\t42.25\t-6.5\t7.0\t0.3\n-8446744073709551616\t9007199254740992\t4611686018427387903\t4611686014132420609\ntrue\ttrue\ttrue\tfalse\ttrue\ttrue\n"
  },
  {
    "name": "string coercions and concatenation",
    "src": "print(\"10\" + 1, \"3\" * \"4\", 10 .. 20, 1.5 .. \"\", \"x\" .. 1 .. 2.0, -\"2\", \"0x10\" + 0, \"1e1\" // 1)\nlocal s = \"a\" for i = 1, 5 do s = s .. i end print(s, #s)\nprint((\"x\"):rep(3), #\"abc\", \"abc\" < \"abd\", \"a\" < \"B\", \"\" < \"a\", \"Z\" <= \"Z\")\n",
    "expected": "11\t12\t1020\t1.5\tx12.0\t-2\t16\t10.0\na12345\t6\nxxx\t3\ttrue\tfalse\ttrue\ttrue\n"
  },
  {
    "name": "numeric for loops",
    "src": "for i = 1, 3 do io_write(i) end print()\nfor i = 3, 1, -1 do io_write(i) end print()\nfor i = 1, 2, 0.5 do io_write(i, \" \") end print()\nfor i = 1, 0 do print(\"never\") end\nfor i = 1.0, 3 do io_write(i, \" \") end print()\nfor i = \"1\", 2 do io_write(i, \" \") end print()\nfor i = 1, 2.5 do io_write(i, \" \") end print()\nfor i = math.maxinteger - 2, math.maxinteger do io_write(i, \" \") end print()\nfor i = math.mininteger, math.mininteger + 2 do io_write(i, \" \") end print()\nfor i = 1, 0x7fffffffffffffff, 0x4000000000000000 do io_write(i, \" \") end print()\nfor i = -3, math.mininteger, -0x4000000000000000 do io_write(i, \" \") end print()\nfor i = 1, math.huge do if i > 3 then break end io_write(i, \" \") end print()\nfor i = 1, -math.huge do print(\"never\") end\nfor i = 0.1, 0.35, 0.1 do io_write(i, \" \") end print()\nfor i = 5, 1, -2 do io_write(i, \" \") end print()\nlocal n = 0 for i = 1, 10 do local i = i * 2 n = n + i end print(n)\n",
    "expected": "123\n321\n1 1.5 2 \n1 2 3 \n1 2 \n1 2 \n9223372036854775805 9223372036854775806 9223372036854775807 \n-9223372036854775808 -9223372036854775807 -9223372036854775806 \n1 4611686018427387905 \n-3 -4611686018427387907 \n1 2 3 \n0.1 0.2 0.3 \n5 3 1 \n110\n"
  },
  {
    "name": "generic for loops",
    "src": "local t = {10, 20, 30}\nfor i, v in ipairs(t) do io_write(i, \"=\", v, \" \") end print()\nlocal function range(n) local i = 0 return function() i = i + 1 if i <= n then return i end end end\nfor i in range(3) do io_write(i, \" \") end print()\nlocal function iter(s, c) if c < s then return c + 1, c * 2 end end\nfor a, b in iter, 3, 0 do io_write(a, \":\", b, \" \") end print()\nfor k, v in next, {x = 1} do print(k, v) end\n",
    "expected": "1=10 2=20 3=30 \n1 2 3 \n1:0 2:2 3:4 \nx\t1\n"
  },
  {
    "name": "tables",
    "src": "local t = {1, 2, 3, nil, 5, x = \"a\", [\"y z\"] = \"b\", [1.5] = \"c\", [2^53] = \"d\"}\nprint(t[1], t[5], t.x, t[\"y z\"], t[1.5], t[2^53], t[2.0], #{1, 2, 3})\nt[1.0] = \"one\" print(t[1])\nlocal u = {} u.a = 1 u.a = nil u.b = 2 print(u.a, u.b)\nprint(rawget({}, \"x\"), rawequal(t, t), rawlen({1, 2}))\n",
    "expected": "1\t5\ta\tb\tc\td\t2\t3\none\nnil\t2\nnil\ttrue\t2\n"
  },
  {
    "name": "natives in tail position, goto",
    "src": "local function g() return 1, 2 end\nlocal function f() return pcall(g) end\nprint(f())\nlocal function h() return pcall(error, \"x\") end\nprint(h())\nlocal co = coroutine.wrap(function() local function t() return pcall(coroutine.yield, \"y\") end return t() end)\nprint(co()) print(co(\"r\"))\nfor i = 1, 3 do\n  for j = 1, 3 do\n    if j == 2 then goto continue end\n    io_write(i, j, \" \")\n    ::continue::\n  end\nend\nprint()\ndo local k = 0 ::top:: k = k + 1 if k < 3 then goto top end print(k) end\n",
    "expected": "true\t1\t2\nfalse\tx\ny\ntrue\tr\n11 13 21 23 31 33 \n3\n"
  }
];

for (const c of cases) {
  test(c.name, { skip: !canCompile() && 'no Lua compiler available (luac5.4 or src/frontend)' }, () => {
    assert.equal(runCase(c.src), c.expected);
  });
}
