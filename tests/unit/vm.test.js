// VM services used by natives, the CLI and the embedding API: L.call, L.pcall, budgets and
// interrupts (safe points), ops.ts, loadProto, error conversion, debug helpers, hand-assembled
// bytecode. The Lua-level behaviour is in vm-core/meta/err/coro.test.js.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newVM, canCompile, ops, LuaTable, LuaFloat, LuaUserdata, LuaState, NativeFunction, LuaException, loadProto } from './vm-helpers.js';
import { OPCODES, encABC, encABx, encAsBx, encsJ } from '../../dist/bytecode/opcodes.js';
import { Proto } from '../../dist/bytecode/proto.js';
import { loadProtoWithEnv } from '../../dist/vm/load.js';
import { getInfo, findLocal, chunkid } from '../../dist/vm/debuginfo.js';

const OP = Object.fromEntries(OPCODES.map((o) => [o.name, o.op]));
const needLuac = { skip: !canCompile() && 'no Lua compiler available' };

/** A hand-assembled main chunk. */
function asm(code, { k = [], maxstack = 10, lines } = {}) {
  const p = new Proto();
  p.code = Int32Array.from(code);
  p.lineinfo = Int32Array.from(lines ?? code.map(() => 1));
  p.constants = k;
  p.upvalues = [{ name: '_ENV', instack: true, index: 0, kind: 0 }];
  p.isVararg = true;
  p.maxstacksize = maxstack;
  p.source = '=asm';
  return p;
}

test('hand-assembled bytecode: integer loop with overflow to 64-bit wrap', () => {
  const S = new LuaState();
  // local s = maxint - 2; for i = 1, 3 do s = s + 1 end; return s
  const p = asm([
    encABx(OP.LOADK, 0, 0),
    encAsBx(OP.LOADI, 1, 1), encAsBx(OP.LOADI, 2, 3), encAsBx(OP.LOADI, 3, 1),
    encABx(OP.FORPREP, 1, 1),
    encABC(OP.ADDI, 0, 0, 1 + 127),
    encABx(OP.FORLOOP, 1, 2),
    encABC(OP.RETURN1, 0, 0, 0),
  ], { k: [9223372036854775805n] });
  const r = S.mainThread.pcall(loadProto(S, p), []);
  assert.deepEqual(r, { ok: true, values: [-9223372036854775808n] });
});

test('hand-assembled bytecode: runtime error position comes from lineinfo', () => {
  const S = new LuaState();
  const p = asm([
    encABC(OP.LOADNIL, 0, 0, 0),
    encABC(OP.GETFIELD, 1, 0, 0),
    encABC(OP.RETURN1, 1, 0, 0),
  ], { k: ['x'], lines: [1, 7, 8] });
  const r = S.mainThread.pcall(loadProto(S, p), []);
  assert.equal(r.ok, false);
  assert.equal(r.values[0], 'asm:7: attempt to index a nil value');
});

test('hand-assembled bytecode: backward JMP is a safe point', () => {
  const S = new LuaState();
  S.setInstructionLimit(5000);
  const p = asm([encsJ(OP.JMP, -1)]);
  const r = S.mainThread.pcall(loadProto(S, p), []);
  assert.deepEqual(r, { ok: false, values: ['asm:1: instruction limit exceeded'] });
});

test('instruction budget stops `while true do end` with a catchable error', needLuac, () => {
  const vm = newVM();
  vm.S.setInstructionLimit(100000);
  const r = vm.run('local n = 0 while true do n = n + 1 end');
  assert.equal(r.ok, false);
  assert.match(r.err, /^\(command line\):1: instruction limit exceeded\nstack traceback:/);
  // recursion is counted too (calls are safe points)
  vm.S.setInstructionLimit(100000);
  const r2 = vm.run('local function f() return f() end f()');
  assert.match(r2.err, /instruction limit exceeded/);
  // a budget that suffices
  vm.S.setInstructionLimit(1000);
  const r3 = vm.run('local n = 0 for i = 1, 500 do n = n + i end print(n)');
  assert.deepEqual([r3.ok, r3.out], [true, '125250\n']);
  assert.ok(vm.S.instructionBudget() > 0 && vm.S.instructionBudget() <= 500);
  vm.S.setInstructionLimit(Infinity);
  const r4 = vm.run('for i = 1, 1e6 do end print("ok")');
  assert.equal(r4.out, 'ok\n');
});

test('requestInterrupt runs a callback at the next safe point', needLuac, () => {
  const vm = newVM();
  let calls = 0;
  vm.S.globals.setStr('arm', new NativeFunction('arm', (L) => {
    vm.S.requestInterrupt(() => {
      calls++;
      throw new LuaException('interrupted', true);
    });
    return 0;
  }));
  const r = vm.run('print(pcall(function() arm() while true do end end)) print("after")');
  assert.equal(r.out, 'false\t(command line):1: interrupted\nafter\n');
  assert.equal(calls, 1);
});

test('L.call from a native, with __call and multiple results', needLuac, () => {
  const vm = newVM();
  const seen = [];
  vm.S.globals.setStr('callit', new NativeFunction('callit', (L, base, nargs) => {
    const res = L.call(L.stack[base], [10, 20]);
    seen.push(res);
    return 0;
  }));
  const r = vm.run('callit(function(a, b) return a + b, a * b end) callit(setmetatable({}, {__call = function(self, a) return a end}))');
  assert.equal(r.ok, true, r.err);
  assert.deepEqual(seen, [[30, 200], [10]]);
});

test('L.call is not yieldable; errors propagate through it', needLuac, () => {
  const vm = newVM();
  vm.S.globals.setStr('callit', new NativeFunction('callit', (L, base) => {
    L.call(L.stack[base], []);
    return 0;
  }));
  const r = vm.run(`
    print(coroutine.resume(coroutine.create(function() callit(coroutine.yield) end)))
    print(pcall(callit, function() error("inner") end))
    print(pcall(callit, function() local x = nil; return x.y end))`);
  assert.equal(r.out, 'false\tattempt to yield across a C-call boundary\n'
    + 'false\t(command line):3: inner\n'
    + "false\t(command line):4: attempt to index a nil value (local 'x')\n");
});

test('L.pcall runs the handler at the error point and never throws Lua errors', needLuac, () => {
  const vm = newVM();
  const f = vm.compile('local function inner() error("bad") end inner()');
  let tb;
  const h = new NativeFunction('h', (L, base) => {
    tb = L.traceback(L.stack[base], 1);
    L.stack[base] = 'wrapped: ' + L.stack[base];
    return 1;
  });
  const r = vm.L.pcall(f, [], h);
  assert.deepEqual(r, { ok: false, values: ['wrapped: (command line):1: bad'] });
  assert.equal(tb, "(command line):1: bad\nstack traceback:\n\t[C]: in function 'error'\n"
    + "\t(command line):1: in local 'inner'\n\t(command line):1: in main chunk\n\t[C]: in ?");
  // the thread is usable afterwards
  assert.deepEqual(vm.L.pcall(vm.compile('return 1 + 1'), []), { ok: true, values: [2] });
  assert.equal(vm.L.ciIdx, 0);
  assert.equal(vm.L.nny, 1);
  assert.equal(vm.L.nCcalls, 0);
});

test('a JS RangeError in a native becomes a catchable Lua "stack overflow"', needLuac, () => {
  const vm = newVM();
  const rec = (n) => rec(n + 1) + 1;
  vm.S.globals.setStr('blowup', new NativeFunction('blowup', () => rec(0)));
  const r = vm.run('print(pcall(blowup)) print("still alive")');
  assert.equal(r.out, 'false\tstack overflow\nstill alive\n');
});

test('foreign JS errors are not caught by Lua pcall', needLuac, () => {
  const vm = newVM();
  vm.S.globals.setStr('bug', new NativeFunction('bug', () => { throw new TypeError('host bug'); }));
  assert.throws(() => vm.run('pcall(bug)'), TypeError);
  assert.equal(vm.L.ciIdx, 0);
});

test('loadProto: _ENV is the globals table; loadProtoWithEnv sets another', needLuac, () => {
  const vm = newVM();
  vm.S.globals.setStr('x', 'global x');
  const env = new LuaTable();
  env.setStr('x', 'env x');
  const p = vm.compile('return x').proto;
  assert.deepEqual(vm.L.pcall(loadProto(vm.S, p), []).values, ['global x']);
  assert.deepEqual(vm.L.pcall(loadProtoWithEnv(vm.S, p, env), []).values, ['env x']);
  const r = vm.L.pcall(loadProtoWithEnv(vm.S, p, undefined), []);
  assert.deepEqual(r, { ok: false, values: ["(command line):1: attempt to index a nil value (upvalue '_ENV')"] });
});

test('ops: typeName, tostring formats, __tostring/__name', () => {
  const S = new LuaState();
  const L = S.mainThread;
  assert.deepEqual([undefined, true, 1, 1.5, new LuaFloat(2), 2n ** 63n, 'a', new LuaTable(), L, new LuaUserdata(0)].map(ops.typeName),
    ['nil', 'boolean', 'number', 'number', 'number', 'number', 'string', 'table', 'thread', 'userdata']);
  assert.equal(ops.tostring(L, undefined), 'nil');
  assert.equal(ops.tostring(L, false), 'false');
  assert.equal(ops.tostring(L, 10), '10');
  assert.equal(ops.tostring(L, new LuaFloat(10)), '10.0');
  assert.equal(ops.tostring(L, -9223372036854775808n), '-9223372036854775808');
  const t = new LuaTable();
  const s1 = ops.tostring(L, t);
  assert.match(s1, /^table: 0x[0-9a-f]{12}$/);
  assert.equal(ops.tostring(L, t), s1, 'stable address');
  assert.notEqual(ops.tostring(L, new LuaTable()), s1, 'unique address');
  assert.match(ops.tostring(L, new NativeFunction('f', () => 0)), /^function: 0x/);
  const mt = new LuaTable();
  mt.setStr('__name', 'My.Type');
  t.metatable = mt;
  assert.match(ops.tostring(L, t), /^My\.Type: 0x[0-9a-f]{12}$/);
  mt.setStr('__tostring', new NativeFunction('ts', (L2, base) => { L2.stack[base] = 'custom'; return 1; }));
  assert.equal(ops.tostring(L, t), 'custom');
  mt.setStr('__tostring', new NativeFunction('ts', (L2, base) => { L2.stack[base] = 12; return 1; }));
  assert.equal(ops.tostring(L, t), '12');
  mt.setStr('__tostring', new NativeFunction('ts', (L2, base) => { L2.stack[base] = true; return 1; }));
  assert.throws(() => ops.tostring(L, t), (e) => e instanceof LuaException && e.value === "'__tostring' must return a string");
});

test('ops: index/setIndex with metamethods and key errors', () => {
  const S = new LuaState();
  const L = S.mainThread;
  const t = new LuaTable();
  const proto = new LuaTable();
  proto.setStr('a', 1);
  const mt = new LuaTable();
  mt.setStr('__index', proto);
  t.metatable = mt;
  assert.equal(ops.index(L, t, 'a'), 1);
  assert.equal(ops.index(L, t, 'b'), undefined);
  mt.setStr('__index', new NativeFunction('idx', (L2, base) => { L2.stack[base] = 'k=' + L2.stack[base + 1]; return 1; }));
  assert.equal(ops.index(L, t, 'z'), 'k=z');
  const log = [];
  mt.setStr('__newindex', new NativeFunction('ni', (L2, base) => { log.push(L2.stack[base + 1], L2.stack[base + 2]); return 0; }));
  ops.setIndex(L, t, 'q', 5);
  assert.deepEqual(log, ['q', 5]);
  assert.equal(t.getStr('q'), undefined);
  const plain = new LuaTable();
  assert.throws(() => ops.setIndex(L, plain, undefined, 1), (e) => e.value === 'table index is nil');
  assert.throws(() => ops.setIndex(L, plain, NaN, 1), (e) => e.value === 'table index is NaN');
  ops.setIndex(L, plain, new LuaFloat(2), 'two');
  assert.equal(plain.getInt(2), 'two');
  assert.throws(() => ops.index(L, undefined, 'x'), (e) => e.value === 'attempt to index a nil value');
  assert.throws(() => ops.index(L, 5, 'x'), (e) => e.value === 'attempt to index a number value');
});

test('ops: comparisons, length, concat, arith', () => {
  const S = new LuaState();
  const L = S.mainThread;
  assert.equal(ops.equals(L, 1, new LuaFloat(1)), true);
  assert.equal(ops.equals(L, 'a', 'a'), true);
  assert.equal(ops.equals(L, new LuaTable(), new LuaTable()), false);
  assert.equal(ops.lessThan(L, 1, 1.5), true);
  assert.equal(ops.lessThan(L, 2n ** 62n, 1e300), true);
  assert.equal(ops.lessEqual(L, 'a', 'a'), true);
  assert.throws(() => ops.lessThan(L, 1, 'x'), (e) => e.value === 'attempt to compare number with string');
  assert.throws(() => ops.lessThan(L, new LuaTable(), new LuaTable()), (e) => e.value === 'attempt to compare two table values');
  assert.equal(ops.len(L, 'abc'), 3);
  const t = new LuaTable();
  t.setInt(1, 'x');
  t.setInt(2, 'y');
  assert.equal(ops.len(L, t), 2);
  assert.throws(() => ops.len(L, true), (e) => e.value === 'attempt to get length of a boolean value');
  assert.equal(ops.concat(L, 'a', 1), 'a1');
  assert.equal(ops.concat(L, new LuaFloat(1), 'x'), '1.0x');
  assert.throws(() => ops.concat(L, 'a', {}), (e) => /attempt to concatenate a/.test(e.value));
  assert.equal(ops.arith(L, 'add', '10', 1), 11);
  assert.equal(ops.arith(L, 'idiv', 7, 2), 3);
  assert.equal(ops.arith(L, 'unm', 5), -5);
  assert.throws(() => ops.arith(L, 'band', 1.5, 1), (e) => e.value === 'number has no integer representation');
  assert.throws(() => ops.arith(L, 'add', {}, 1), (e) => /attempt to perform arithmetic on a/.test(e.value));
});

test('getMetatable for every type (string metatable shared)', () => {
  const S = new LuaState();
  const smt = new LuaTable();
  S.stringMeta = smt;
  assert.equal(ops.getMetatable(S, 'x'), smt);
  assert.equal(ops.getMetatable(S, 1), undefined);
  const nmt = new LuaTable();
  S.numberMeta = nmt;
  assert.equal(ops.getMetatable(S, 1), nmt);
  assert.equal(ops.getMetatable(S, new LuaFloat(1)), nmt);
  assert.equal(ops.getMetatable(S, 2n ** 60n), nmt);
  const u = new LuaUserdata(null);
  u.metatable = smt;
  assert.equal(ops.getMetatable(S, u), smt);
});

test('chunkid formats chunk names like the reference', () => {
  assert.equal(chunkid('=stdin'), 'stdin');
  assert.equal(chunkid('@script.lua'), 'script.lua');
  assert.equal(chunkid('@' + 'a'.repeat(70)), '...' + 'a'.repeat(56));
  assert.equal(chunkid('return 1'), '[string "return 1"]');
  assert.equal(chunkid('x = 1\ny = 2'), '[string "x = 1..."]');
  assert.equal(chunkid('x'.repeat(50)), `[string "${'x'.repeat(45)}..."]`);
});

test('funcName, where, getInfo and findLocal from a native', needLuac, () => {
  const vm = newVM();
  const got = [];
  vm.S.globals.setStr('probe', new NativeFunction('probe', (L) => {
    got.push(L.funcName(0), L.where(1), L.where(0), L.globalFuncName(0));
    const info = getInfo(L, 1);
    got.push([info.what, info.currentline, info.short_src, info.name, info.namewhat, info.nparams]);
    got.push(findLocal(L, 1, 1), findLocal(L, 1, 2)?.name, findLocal(L, 1, -1));
    return 0;
  }));
  const r = vm.run('local function f(a, ...)\n local b = a * 2\n probe()\nend\nf(21, "va")');
  assert.ok(r.ok, r.err);
  assert.deepEqual(got[0], { name: 'probe', namewhat: 'global' });
  assert.equal(got[1], '(command line):3: ');
  assert.equal(got[2], '');
  assert.equal(got[3], 'probe');
  assert.deepEqual(got[4], ['Lua', 3, '(command line)', 'f', 'local', 1]);
  assert.equal(got[5].name, 'a');
  assert.equal(vm.L.stack[got[5].idx], 21);
  assert.equal(got[6], 'b');
  assert.equal(got[7].name, '(vararg)');
  assert.equal(vm.L.stack[got[7].idx], 'va');
});

test('growing the stack keeps the same array (renewals happen only in loops), and upvalues survive growth', needLuac, () => {
  const vm = newVM();
  const stack = vm.L.stack;
  const r = vm.run(`
    local fs = {}
    local function deep(n) local x = n if n == 0 then return end fs[#fs + 1] = function() return x end deep(n - 1) end
    deep(5000)
    local s = 0 for i = 1, #fs do s = s + fs[i]() end print(s)`);
  assert.equal(r.out, '12502500\n');
  assert.equal(vm.L.stack, stack);
  assert.ok(stack.length > 5000);
});

test('JS stack exhaustion under deep C-level nesting is a Lua error, never a crash', needLuac, async () => {
  const { execFileSync } = await import('node:child_process');
  const { fileURLToPath } = await import('node:url');
  const helpers = fileURLToPath(new URL('./vm-helpers.js', import.meta.url));
  const script = `
    import { newVM } from ${JSON.stringify(helpers)};
    const r = newVM().run(\`
      local function g(d) if d == 0 then return "ok" end return coroutine.wrap(g)(d - 1) end
      print(pcall(g, 190))
      local t = setmetatable({}, {__tostring = function(s) return tostring(s) end})
      print(pcall(tostring, t))
      print("alive")\`);
    process.stdout.write(r.out + (r.ok ? '' : 'ERR ' + r.err));`;
  const out = execFileSync(process.execPath, ['--stack-size=200', '--input-type=module', '-e', script], { encoding: 'utf8' });
  const lines = out.split('\n');
  assert.match(lines[0], /^false\t.*stack overflow$/);
  assert.match(lines[1], /^false\t.*stack overflow$/);
  assert.equal(lines[2], 'alive');
});
