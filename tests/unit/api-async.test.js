// Async interop and non-blocking runs of the embedding API: awaiting promises from the main
// chunk, from coroutines and from Lua functions called by JS; time slices; pause/resume;
// interrupts and deadlines while waiting.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lua, LuaError, LuaTask } from '../../dist/api/index.js';

const sleep = (ms, v) => new Promise((r) => setTimeout(() => r(v), ms));

function asyncLua(options) {
  const lua = new Lua(options);
  lua.set('sleep', sleep);
  lua.set('fail', async (msg) => {
    await sleep(1);
    throw new Error(msg);
  });
  return lua;
}

test('await a promise from the main chunk without blocking the event loop', async () => {
  const lua = asyncLua();
  let timerRan = false;
  setTimeout(() => { timerRan = true; }, 5);
  const task = lua.run('local a = sleep(20, 21) return a * 2, timerRan()', { chunkName: 'main' });
  lua.set('timerRan', () => timerRan);
  assert.ok(task instanceof LuaTask);
  assert.equal(task.status, 'waiting');
  assert.deepEqual(await task, [42, true]);
  assert.equal(task.status, 'done');
});

test('await inside coroutines (create/resume, wrap, nested) and pcall', async () => {
  const lua = asyncLua();
  assert.deepEqual(await lua.run(`
    local co = coroutine.create(function(a)
      local b = sleep(2, a + 1)
      local c = coroutine.yield(b)
      return sleep(1, c * 2)
    end)
    local _, r1 = coroutine.resume(co, 1)
    local _, r2 = coroutine.resume(co, 10)
    local gen = coroutine.wrap(function()
      for i = 1, 3 do coroutine.yield(sleep(1, i)) end
    end)
    local inner = coroutine.wrap(function()
      return coroutine.wrap(function() return sleep(1, "deep") end)()
    end)
    local ok, v = pcall(sleep, 1, "in pcall")
    return r1, r2, coroutine.status(co), gen() + gen() + gen(), inner(), ok, v`),
  [2, 20, 'dead', 6, 'deep', true, 'in pcall']);
});

test('a rejected promise is a Lua error (catchable), or a LuaError in JS', async () => {
  const lua = asyncLua();
  assert.deepEqual(await lua.run('return pcall(fail, "nope")'), [false, 'nope']);
  assert.deepEqual(await lua.run('local ok, e = pcall(function() fail("x") end) return e', { chunkName: 'c' }), ['c:1: x']);
  await assert.rejects(lua.run('fail("bad")', { chunkName: 'x.lua' }), (e) => {
    assert.ok(e instanceof LuaError);
    assert.equal(e.message, 'x.lua:1: bad');
    assert.match(e.luaTraceback, /x\.lua:1: in main chunk/);
    return true;
  });
  await assert.rejects(lua.run('local x = nil; x()', { chunkName: 'y' }), /y:1: attempt to call a nil value \(local 'x'\)/);
  await assert.rejects(lua.run('return +'), LuaError);
});

test('Lua functions called from JS can await (fn.call), and calls run concurrently', async () => {
  const lua = asyncLua();
  const [f] = lua.runSync('return function(ms, v) return sleep(ms, v), "after" end');
  const slow = f.call(30, 'slow');
  const fast = f.call(1, 'fast');
  const order = [];
  await Promise.all([slow.then(() => order.push('slow')), fast.then(() => order.push('fast'))]);
  assert.deepEqual(order, ['fast', 'slow']);
  assert.deepEqual(await f.call(1, 5), [5, 'after']);
  assert.deepEqual(await lua.call('sleep', 1, 'global'), ['global']);
});

test('no waiting where it cannot be done: sync runs and non-yieldable calls', async () => {
  const lua = asyncLua();
  assert.throws(() => lua.runSync('sleep(1)'), /attempt to await a JS promise outside an async run/);
  await assert.rejects(lua.run('table.sort({3, 2, 1}, function(a, b) return sleep(1, a < b) end)'),
    /attempt to await a JS promise/);
  await assert.rejects(lua.run('coroutine.yield(1)'), /attempt to yield from outside a coroutine/);
  assert.deepEqual(await lua.run('return 1'), [1]);
});

test('an async module resolver', async () => {
  const lua = new Lua({ require: async (name) => { await sleep(1); return `return "${name} loaded"`; } });
  assert.deepEqual(await lua.run('return require("m"), require("m")'), ['m loaded', 'm loaded']);
});

test('time slices keep the event loop turning; pause and resume', async () => {
  const lua = asyncLua();
  let ticks = 0;
  const iv = setInterval(() => { ticks++; }, 1);
  const r = await lua.run('local s = 0 for i = 1, 5e6 do s = s + i end return s', { slice: { ms: 2 } });
  clearInterval(iv);
  assert.deepEqual(r, [12500002500000]);
  assert.ok(ticks > 0, 'the event loop did not run during the sliced run');

  let progress = 0;
  lua.set('report', (n) => { progress = n; });
  const task = lua.run('local n = 0 while n < 3e6 do n = n + 1 if n % 1000 == 0 then report(n) end end return n',
    { slice: { instructions: 20000 } });
  await sleep(5);
  task.pause();
  await sleep(5);
  assert.equal(task.status, 'paused');
  const frozen = progress;
  await sleep(20);
  assert.equal(progress, frozen, 'a paused run made progress');
  assert.ok(frozen < 3e6);
  task.resume();
  assert.deepEqual(await task, [3e6]);
  // without slices, pause() still stops at the next safe point
  const t2 = lua.run('local n = 0 while n < 2e6 do n = n + 1 if n == 10 then sleep(1) end end return n');
  t2.pause();
  await sleep(20);
  assert.equal(t2.status, 'paused');
  t2.resume();
  assert.deepEqual(await t2, [2e6]);
});

test('slices and pauses pass through the script\'s own coroutines', async () => {
  const lua = asyncLua();
  const r = await lua.run(`
    local co = coroutine.wrap(function() local s = 0 for i = 1, 2e6 do s = s + 1 end return s end)
    local ok, v = coroutine.resume(coroutine.create(function() return co() end))
    return ok, v`, { slice: { instructions: 10000 } });
  assert.deepEqual(r, [true, 2e6]);
});

test('interrupt and deadline reach a script waiting for a promise', async () => {
  const lua = asyncLua({ limits: { timeout: 50 } });
  await assert.rejects(lua.run('sleep(10000)'), (e) => e.limit === 'time' && /time limit exceeded$/.test(e.message));
  await assert.rejects(lua.run('pcall(sleep, 10000) return "escaped"'), (e) => e.limit === 'time');
  const free = asyncLua();
  const t = free.run('return sleep(10000)');
  setTimeout(() => t.interrupt('stop!'), 5);
  await assert.rejects(t, (e) => e.limit === 'interrupt' && /stop!$/.test(e.message));
  const spin = free.run('while true do end', { slice: { ms: 2 } });
  setTimeout(() => spin.interrupt(), 10);
  await assert.rejects(spin, (e) => e.limit === 'interrupt');
  const paused = free.run('while true do end', { slice: { ms: 2 } });
  paused.pause();
  await sleep(10);
  paused.interrupt('from pause');
  await assert.rejects(paused, /from pause$/);
  // lua.interrupt() ends every pending run
  const a = free.run('sleep(10000)');
  const b = free.run('while true do end', { slice: { ms: 1 } });
  await sleep(5);
  free.interrupt('all');
  await assert.rejects(a, /all$/);
  await assert.rejects(b, /all$/);
  assert.deepEqual(await free.run('return "still fine"'), ['still fine']);
});

test('async runs respect the instruction and memory limits', async () => {
  const lua = asyncLua({ limits: { instructions: 100000, memory: 8 * 1024 * 1024 } });
  await assert.rejects(lua.run('while true do end'), (e) => e.limit === 'instructions');
  await assert.rejects(lua.run('local s = "x" while true do s = s .. s end'), (e) => e.limit === 'memory');
  await assert.rejects(lua.run('sleep(1) while true do end', { slice: { ms: 1 } }), (e) => e.limit === 'instructions');
  assert.deepEqual(await lua.run('return sleep(1, 3) + 4'), [7]);
});

test('closing a state rejects its pending runs', async () => {
  const lua = asyncLua();
  const t = lua.run('sleep(20) return 1');
  lua.close();
  await assert.rejects(t, /closed/);
});
