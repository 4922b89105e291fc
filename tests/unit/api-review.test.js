// Regression tests for bugs found by reviewing the embedding API as an attacker: each test
// failed before its fix (see the commit that adds it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lua, LuaError } from '../../dist/api/index.js';

const MB = 1024 * 1024;
const NORMAL = 'local n = 0 for i = 1, 1000 do n = n + i end return n';

function expectLuaError(f, limit, re) {
  assert.throws(f, (e) => {
    assert.ok(e instanceof LuaError, `not a LuaError: ${e}`);
    assert.match(e.message, re);
    assert.equal(e.limit, limit, `limit of ${e.message}`);
    return true;
  });
}

test('deep recursion under a memory limit is "not enough memory", not "error in error handling"', () => {
  // the traceback message handler ran for the memory error, needed stack (memory) itself,
  // failed again, and so on until "error in error handling"; Lua runs no handler for LUA_ERRMEM
  const scripts = [
    'local function f(n) return 1 + f(n) end return f(1)',
    'local function f(...) return 1 + f(1, ...) end return f()',
    'local function f(...) return 1 + f(...) end return f(string.rep("x", 1e5))',
  ];
  for (const mb of [0.25, 1, 2]) {
    for (const src of scripts) {
      const lua = new Lua({ limits: { memory: mb * MB } });
      expectLuaError(() => lua.runSync(src), 'memory', /^not enough memory$/);
      assert.deepEqual(lua.runSync(NORMAL), [500500]);
    }
  }
});

test('xpcall: the message handler is not called for a memory error (as lua_pcall with LUA_ERRMEM)', () => {
  const lua = new Lua({ limits: { memory: 4 * MB } });
  const [ok, msg, called] = lua.runSync(`
    local called = false
    local ok, msg = xpcall(string.rep, function(m) called = true return m end, "x", 1e9)
    return ok, msg, called`);
  assert.deepEqual([ok, msg, called], [false, 'not enough memory', false]);
});

test('a fatal limit inside a message handler ends the script (it looped into a catchable "error in error handling")', () => {
  const lua = new Lua({ limits: { instructions: 1e5, timeout: 5000 } });
  expectLuaError(() => lua.runSync('xpcall(error, function(m) while true do end end) return "escaped"'),
    'instructions', /instruction limit exceeded$/);
  // before: each xpcall returned false, "error in error handling", and the loop went on past
  // the deadline (the budget was spent, so the hook that checks the deadline never ran)
  expectLuaError(() => lua.runSync('while true do xpcall(error, function(m) while true do end end) end'),
    'instructions', /instruction limit exceeded$/);
  assert.deepEqual(lua.runSync(NORMAL), [500500]);
});

test('a fatal limit inside a load reader ends the script (load returned it as an error message)', () => {
  const lua = new Lua({ limits: { instructions: 1e5, timeout: 5000 } });
  expectLuaError(() => lua.runSync('local f, e = load(function() while true do end end) return "escaped", e'),
    'instructions', /instruction limit exceeded$/);
  expectLuaError(() => lua.runSync('while true do load(function() while true do end end) end'),
    'instructions', /instruction limit exceeded$/);
  const timed = new Lua({ limits: { timeout: 100 } });
  expectLuaError(() => timed.runSync('return load(function() while true do end end)'), 'time', /time limit exceeded$/);
  // an ordinary error in a reader is still load's error result
  assert.deepEqual(lua.runSync('return load(function() error("r", 0) end)'), [undefined, 'r']);
});

test('table.insert, table.remove and table.move count against the limits', () => {
  // table.move(t, 1, 1e7, 2) ran ~10 s without a safe point: far past any deadline
  const lua = new Lua({ limits: { instructions: 1e5 } });
  expectLuaError(() => lua.runSync('local t = {} while true do table.move(t, 1, 1e7, 2) end'), 'instructions', /instruction limit exceeded$/);
  expectLuaError(() => lua.runSync('local t = {} table.move(t, 2^60, 2^60 + 1e7, 1)'), 'instructions', /instruction limit exceeded$/);
  expectLuaError(() => lua.runSync('local t = {} for i = 1, 3e4 do table.insert(t, 1, i) end'), 'instructions', /instruction limit exceeded$/);
  expectLuaError(() => lua.runSync('local t = {} for i = 1, 3e4 do t[i] = i end for i = 1, 3e4 do table.remove(t, 1) end'),
    'instructions', /instruction limit exceeded$/);
  const timed = new Lua({ limits: { timeout: 200 } });
  const t0 = performance.now();
  expectLuaError(() => timed.runSync('local t = {} table.move(t, 1, 1e8, 2)'), 'time', /time limit exceeded$/);
  assert.ok(performance.now() - t0 < 5000, 'the deadline was checked during table.move');
  // results unchanged (expected values from lua5.4)
  assert.deepEqual(lua.runSync(`
    local t = {} for i = 1, 5000 do t[i] = i end
    table.insert(t, 1, 0) local r = table.remove(t, 2) table.move(t, 1, 3000, 2)
    return #t, t[1], t[2], t[3001], t[3002], r`), [5000, 0, 0, 3000, 3002, 1]);
});

test('getters and Proxy traps of host objects that throw are Lua errors (pcall catches them)', () => {
  const lua = new Lua();
  lua.set('o', { get x() { throw new TypeError('boom'); }, s: Symbol('s'), big: 2n ** 70n });
  lua.set('p', new Proxy({}, { get() { throw new RangeError('trap'); }, ownKeys() { throw new Error('keys'); } }));
  lua.set('q', { get length() { throw new Error('len'); } });
  lua.set('r', { get a() { throw new Error('pairs getter'); } });
  const res = lua.runSync(`
    local out = {}
    for _, f in ipairs{
      function() return o.x end, function() return o.s end, function() return o.big end,
      function() return p.x end, function() return #q end,
      function() for k in pairs(r) do end end, function() for k in pairs(p) do end end,
    } do
      local ok, e = pcall(f)
      out[#out + 1] = tostring(ok) .. " " .. tostring(e)
    end
    return table.concat(out, "\\n")`, { chunkName: 'g.lua' })[0].split('\n');
  assert.equal(res.length, 7);
  // (the last: Object.keys failed in __pairs, called by the native pairs: no Lua position)
  for (const line of res.slice(0, 6)) assert.match(line, /^false g\.lua:\d+: /);
  assert.match(res[0], /boom$/);
  assert.match(res[1], /symbol cannot be passed to Lua$/);
  assert.match(res[2], /out of the range of Lua integers$/);
  assert.match(res[3], /trap$/); // (was "stack overflow": a RangeError from the host)
  assert.match(res[4], /len$/);
  assert.match(res[5], /pairs getter$/);
  assert.match(res[6], /^false (g\.lua:\d+: )?keys$/);
  // unprotected: a LuaError with the JS exception as its cause, not the raw TypeError
  assert.throws(() => lua.runSync('return o.x'), (e) => e instanceof LuaError && e.cause instanceof TypeError);
});
