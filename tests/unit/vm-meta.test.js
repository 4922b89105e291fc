// VM tests: meta
// Generated: each case is Lua source with the output of the reference interpreter (lua5.4 -e),
// addresses normalised to 0xADDR. Run by tests/unit/vm-helpers.js (see there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCase, canCompile } from './vm-helpers.js';

const cases = [
  {
    "name": "arithmetic metamethods (all events, both sides)",
    "src": "local mt = {}\nfor _, e in ipairs({\"add\", \"sub\", \"mul\", \"div\", \"mod\", \"pow\", \"unm\", \"idiv\", \"band\", \"bor\", \"bxor\", \"shl\", \"shr\", \"bnot\"}) do\n  mt[\"__\" .. e] = function(a, b) return e .. \"(\" .. tostring(type(a) == \"table\" and \"T\" or a) .. \",\" .. tostring(type(b) == \"table\" and \"T\" or b) .. \")\" end\nend\nlocal t = setmetatable({}, mt)\nprint(t + 1, 1 + t, t - 2, t * 3, t / 4, t % 5, t ^ 6, -t, t // 7, 2 - t, 2.5 * t, t * 2.5)\nprint(t & 1, 1 | t, t ~ 2, t << 3, 3 >> t, ~t, t >> 1, 3 << t, t << -1, t >> -2)\nlocal a, f = 2, 2.5 print(a + t, t + a, f * t, t - \"x\", \"x\" + t)\n",
    "expected": "add(T,1)\tadd(1,T)\tsub(T,2)\tmul(T,3)\tdiv(T,4)\tmod(T,5)\tpow(T,6)\tunm(T,T)\tidiv(T,7)\tsub(2,T)\tmul(2.5,T)\tmul(T,2.5)\nband(T,1)\tbor(1,T)\tbxor(T,2)\tshl(T,3)\tshr(3,T)\tbnot(T,T)\tshr(T,1)\tshl(3,T)\tshl(T,-1)\tshr(T,-2)\nadd(2,T)\tadd(T,2)\tmul(2.5,T)\tsub(T,x)\tadd(x,T)\n"
  },
  {
    "name": "comparison metamethods",
    "src": "local log = {}\nlocal mt = {__lt = function(a, b) log[#log + 1] = \"lt\" return true end,\n            __le = function(a, b) log[#log + 1] = \"le\" return nil end,\n            __eq = function(a, b) log[#log + 1] = \"eq\" return 1 end}\nlocal a, b = setmetatable({}, mt), setmetatable({}, mt)\nprint(a < b, a <= b, a > b, a >= b, a == b, a ~= b, a == a, a == 1, 1 < a, a > 2)\nprint(table.concat(log, \" \"))\nlocal c = setmetatable({}, {__eq = function() return true end})\nprint(c == {}, {} == c, c == setmetatable({}, {}), rawequal(c, {}))\nif a < b then print(\"branch lt\") end\nif not (a <= b) then print(\"branch not le\") end\n",
    "expected": "true\tfalse\ttrue\tfalse\ttrue\tfalse\ttrue\tfalse\ttrue\ttrue\nlt le lt le eq eq lt lt\ntrue\ttrue\ttrue\tfalse\nbranch lt\nbranch not le\n"
  },
  {
    "name": "__index and __newindex chains",
    "src": "local base = {greet = function(self) return \"hi \" .. self.name end}\nbase.__index = base\nlocal obj = setmetatable({name = \"x\"}, base)\nprint(obj:greet(), obj.missing)\nlocal t = setmetatable({}, {__index = setmetatable({}, {__index = setmetatable({}, {__index = function(_, k) return k * 2 end})})})\nprint(t[21])\nlocal store = {}\nlocal p = setmetatable({}, {__newindex = store})\np.a = 1 print(rawget(p, \"a\"), store.a)\nlocal c = 0\nlocal q = setmetatable({}, {__newindex = function(t, k, v) c = c + 1; rawset(t, k, v) end})\nq.a = 1; q.a = 2; q.b = 3\nprint(c, q.a, q.b)\nlocal s = setmetatable({}, {__index = \"abc\"})\nprint(s.len, s.x)\nlocal loop = setmetatable({}, {})\ngetmetatable(loop).__index = loop\nprint(pcall(function() return loop.x end))\ngetmetatable(loop).__newindex = loop\nprint(pcall(function() loop.x = 1 end))\n",
    "expected": "hi x\tnil\n42\nnil\t1\n2\t2\t3\nfunction: 0xADDR\tnil\nfalse\t(command line):18: '__index' chain too long; possible loop\nfalse\t(command line):20: '__newindex' chain too long; possible loop\n"
  },
  {
    "name": "__call, __concat, __len, __unm, __close, __tostring, __name",
    "src": "local callable = setmetatable({}, {__call = function(self, a, b) return \"call\", a, b end})\nprint(callable(1, 2), pcall(callable, 3))\nlocal chained = setmetatable({}, {__call = callable})\nprint(chained(\"z\"))\nlocal cc = setmetatable({}, {__concat = function(a, b) return \"C\" end})\nprint(cc .. \"x\", \"x\" .. cc, 1 .. cc .. 2, \"a\" .. \"b\" .. cc .. \"c\" .. \"d\")\nprint(#setmetatable({}, {__len = function(a, b) return rawequal(a, b) and 42 end}))\nprint(-setmetatable({}, {__unm = function(a, b) return rawequal(a, b) end}))\nprint(tostring(setmetatable({}, {__tostring = function() return \"TS\" end})))\nprint(tostring(setmetatable({}, {__tostring = function() return 42 end})))\nprint((tostring(setmetatable({}, {__name = \"MyType\"})):sub(1, 10)))\nprint(pcall(tostring, setmetatable({}, {__tostring = function() return {} end})))\ndo\n  local x <close> = setmetatable({}, {__close = function(o, e) print(\"closed\", e) end})\n  local y <close> = nil\n  local z <close> = false\n  print(\"in block\")\nend\n",
    "expected": "call\ttrue\tcall\t3\tnil\ncall\ttable: 0xADDR\tz\nC\tC\t1C\tabC\n42\ntrue\nTS\n42\nMyType: 0x\nfalse\t'__tostring' must return a string\nin block\nclosed\tnil\n"
  },
  {
    "name": "string metatable",
    "src": "print((\"x\"):rep(3), (\"%d\"):format(5), #\"abc\", (\"abc\"):upper())\nlocal s = \"hello\"\nprint(s:len(), s.len, pcall(function() return s.nope() end))\n",
    "expected": "xxx\t5\t3\tABC\n5\tfunction: 0xADDR\tfalse\t(command line):3: attempt to call a nil value (field 'nope')\n"
  }
];

for (const c of cases) {
  test(c.name, { skip: !canCompile() && 'no Lua compiler available (luac5.4 or src/frontend)' }, () => {
    assert.equal(runCase(c.src), c.expected);
  });
}
