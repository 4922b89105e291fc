// Hard limits of the embedding API against adversarial scripts: each ends in the promised
// error, the process is unharmed, and the same state then runs a normal script correctly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lua, LuaError } from '../../dist/api/index.js';

const MB = 1024 * 1024;
const NORMAL = 'local t = {} for i = 1, 1000 do t[i] = i * i end return #t, t[1000], ("ok"):rep(3)';

/** Run `code`, expect a LuaError with `limit` and a message matching `re`; then a normal script works. */
function expectLimit(lua, code, limit, re) {
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  assert.throws(() => lua.runSync(code), (e) => {
    assert.ok(e instanceof LuaError, `not a LuaError: ${e}`);
    assert.match(e.message, re);
    assert.equal(e.limit, limit, `limit of ${e.message}`);
    return true;
  });
  // a hang would time the test runner out; this bound only catches a limit that does not bite
  assert.ok(performance.now() - t0 < 60000, 'limit took too long');
  assert.ok(process.memoryUsage().heapUsed - heap0 < 400 * MB, 'host heap grew');
  assert.deepEqual(lua.runSync(NORMAL), [1000, 1000000, 'okokok']);
}

test('instruction budget: while true do end, and pcall cannot catch it', () => {
  const lua = new Lua({ limits: { instructions: 200000 } });
  expectLimit(lua, 'while true do end', 'instructions', /^\[string "while true do end"\]:1: instruction limit exceeded$/);
  expectLimit(lua, 'while not pcall(function() while true do end end) do end return "escaped"', 'instructions', /instruction limit exceeded/);
  expectLimit(lua, 'local co = coroutine.wrap(function() while true do end end) pcall(co)', 'instructions', /instruction limit exceeded/);
  expectLimit(lua, 'local function f() return f() end return f()', 'instructions', /instruction limit exceeded/);
  // the budget is per run: many small runs are fine
  for (let i = 0; i < 20; i++) assert.equal(lua.runSync('local s = 0 for i = 1, 10000 do s = s + i end return s')[0], 50005000);
});

test('instruction budget: catchable when asked', () => {
  const lua = new Lua({ limits: { instructions: 100000, catchable: true } });
  const [ok, err] = lua.runSync('return pcall(function() while true do end end)');
  assert.equal(ok, false);
  assert.match(err, /instruction limit exceeded/);
  // it raises again at every further 1000 ticks: a script cannot loop its way past it
  expectLimit(lua, 'while true do pcall(function() while true do end end) end', 'instructions', /instruction limit exceeded/);
});

test('long native operations respect the instruction budget', () => {
  const lua = new Lua({ limits: { instructions: 1000000 } });
  // a gsub whose replacement function never returns
  expectLimit(lua, 'return (("x"):rep(100):gsub(".", function(c) while true do end end))', 'instructions', /instruction limit exceeded/);
  // a backtracking pattern that would take hours
  expectLimit(lua, 'return string.find(("a"):rep(20000), ".-.-.-.-.-b")', 'instructions', /instruction limit exceeded/);
  // a sort with a Lua comparator over a big table
  expectLimit(lua, 'local t = {} for i = 1, 400000 do t[i] = -i end table.sort(t, function(a, b) return a < b end)', 'instructions', /instruction limit exceeded/);
});

test('memory limit: strings, tables, concatenation, gsub, table.concat', () => {
  const lua = new Lua({ limits: { memory: 16 * MB } });
  // the reference's own check comes first for absurd sizes
  expectLimit(lua, 'return string.rep("x", 2^40)', undefined, /resulting string too large/);
  // checked before allocating: no 1 GB string is made
  expectLimit(lua, 'return string.rep("x", 2^30)', 'memory', /^not enough memory$/);
  expectLimit(lua, 'local s = "x" while true do s = s .. s end', 'memory', /^not enough memory$/);
  expectLimit(lua, 'local s = "" for i = 1, 1e8 do s = s .. "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" end', 'memory', /not enough memory/);
  expectLimit(lua, 'local t = {1} while true do local n = #t for i = 1, n do t[n + i] = i end end', 'memory', /not enough memory/);
  expectLimit(lua, 'local t = {} local i = 0 while true do i = i + 1 t["k" .. i] = i end', 'memory', /not enough memory/);
  expectLimit(lua, 'local t = {} while true do t[#t + 1] = {} end', 'memory', /not enough memory/);
  expectLimit(lua, 'local t = {} while true do t[#t + 1] = function() return t end end', 'memory', /not enough memory/);
  expectLimit(lua, 'local t = {} while true do t[#t + 1] = coroutine.create(print) end', 'memory', /not enough memory/);
  expectLimit(lua, 'local t = {} while true do t[#t + 1] = coroutine.wrap(print) end', 'memory', /not enough memory/);
  expectLimit(lua, 'local s = ("x"):rep(1000) while true do s = s:gsub("x", "xx") end', 'memory', /not enough memory/);
  expectLimit(lua, 'local t = {} for i = 1, 1000 do t[i] = ("y"):rep(1000) end local s = "" while true do t[#t + 1] = table.concat(t) end', 'memory', /not enough memory/);
  expectLimit(lua, 'local t = {} for i = 1, 1e9 do t[i] = i end', 'memory', /not enough memory/);
  expectLimit(lua, 'local s, t = ("a"):rep(1e5), {} while true do t[#t + 1] = s:upper() end', 'memory', /not enough memory/);
  expectLimit(lua, 'local s, t = ("ab"):rep(1e5), {} while true do t[#t + 1] = s:reverse() end', 'memory', /not enough memory/);
  expectLimit(lua, 'local t = setmetatable({}, {__index = function(t, k) return k end}) local s = ("z"):rep(1e6) local u = {} for i = 1, 1e6 do u[i] = s .. i end', 'memory', /not enough memory/);
  // the accounting is recomputed from what is reachable: the failed scripts left nothing
  assert.ok(lua.memoryUsed() < 1 * MB, `used ${lua.memoryUsed()}`);
});

test('memory limit: a script can catch "not enough memory", garbage is forgiven', () => {
  const lua = new Lua({ limits: { memory: 8 * MB } });
  assert.deepEqual(lua.runSync('return pcall(string.rep, "x", 2^28)'), [false, 'not enough memory']);
  // allocating far more than the limit in total, but little at a time, is fine
  assert.equal(lua.runSync('local n = 0 for i = 1, 200 do local t = {} for j = 1, 2000 do t[j] = j end n = n + #t end return n')[0], 400000);
  assert.equal(lua.runSync('local n = 0 for i = 1, 100 do local s = ("x"):rep(200000) n = n + #s end return n')[0], 20000000);
  // data kept in globals counts across runs
  lua.runSync('keep = {} for i = 1, 100000 do keep[i] = i end');
  assert.ok(lua.memoryUsed() > 1 * MB);
  assert.throws(() => lua.runSync('more = {} for i = 1, 1e6 do more[i] = i end'), /not enough memory/);
  lua.runSync('keep = nil more = nil');
  assert.ok(lua.memoryUsed() < 1 * MB);
  assert.equal(lua.runSync('more = {} for i = 1, 100000 do more[i] = i end return #more')[0], 100000);
});

test('call-depth limit and plain stack overflow', () => {
  const lua = new Lua({ limits: { callDepth: 200 } });
  expectLimit(lua, 'local function f(n) return 1 + f(n + 1) end return f(1)', 'depth', /stack overflow$/);
  assert.equal(lua.runSync('local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end return f(150)')[0], 150);
  assert.match(lua.runSync('local function f(n) return 1 + f(n) end return select(2, pcall(f, 1))')[0], /stack overflow$/);
  assert.equal(lua.runSync('local co = coroutine.wrap(function() local function f(n) return 1 + f(n) end return pcall(f, 1) end) return co()')[0], false);
  const unlimited = new Lua();
  expectLimit(unlimited, 'local function f(n) return 1 + f(n + 1) end return f(1)', 'depth', /stack overflow/);
});

test('wall-clock deadline', () => {
  const lua = new Lua({ limits: { timeout: 100 } });
  const t0 = performance.now();
  expectLimit(lua, 'while true do end', 'time', /time limit exceeded$/);
  assert.ok(performance.now() - t0 >= 100);
  expectLimit(lua, 'return (("x"):rep(100):gsub(".", function(c) while true do end end))', 'time', /time limit exceeded/);
  expectLimit(lua, 'while true do pcall(error) end', 'time', /time limit exceeded/);
});

test('interrupts: a polled callback, and interrupt() from the host', () => {
  let stop = false;
  const lua = new Lua({
    limits: {
      interrupt: () => {
        if (!stop) return false;
        stop = false;
        return 'stopped by host';
      },
    },
  });
  lua.set('tick', (() => {
    let n = 0;
    return () => {
      if (++n === 1000) stop = true;
    };
  })());
  expectLimit(lua, 'while true do tick() end', 'interrupt', /stopped by host$/);
  const other = new Lua();
  other.set('check', () => other.interrupt('enough'));
  expectLimit(other, 'local i = 0 while true do i = i + 1 if i == 50000 then check() end end', 'interrupt', /enough$/);
  assert.equal(other.runSync('return 7')[0], 7);
});

test('limits through JS callbacks: a nested run shares the budget and keeps the error fatal', () => {
  const lua = new Lua({ limits: { instructions: 100000 } });
  lua.set('inner', () => lua.runSync('while true do end'));
  expectLimit(lua, 'pcall(inner) return "escaped"', 'instructions', /instruction limit exceeded/);
});

test('memory limit: s = s .. s fails with "not enough memory" whatever the limit (the error handling has headroom)', () => {
  // at some limits the failing concatenation's operands are still live and the estimate is
  // already past the limit when the message handler runs: it must not turn into "error in error handling"
  for (let mb = 1; mb <= 24; mb++) {
    const lua = new Lua({ limits: { memory: mb * 1e6 } });
    assert.throws(() => lua.runSync('local s = "x" while true do s = s .. s end'), (e) => {
      assert.ok(e instanceof LuaError);
      assert.equal(e.message, 'not enough memory', `limit ${mb} MB`);
      assert.equal(e.limit, 'memory');
      return true;
    });
    assert.deepEqual(lua.runSync('return 1 + 1'), [2]);
    lua.close();
  }
});
