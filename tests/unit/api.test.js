// Embedding API (src/api/): create and run, values across the boundary, errors, modules.
import { test } from 'node:test';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import assert from 'node:assert/strict';
import {
  Lua, LuaError, LuaTable, LuaFunction, LuaCoroutine, luaMulti, LuaFloatValue,
} from '../../dist/api/index.js';

test('run a chunk, get all results, chunk names and arguments', () => {
  const lua = new Lua();
  assert.deepEqual(lua.runSync('return 1, 2.5, "x", true, nil'), [1, 2.5, 'x', true, undefined]);
  assert.deepEqual(lua.runSync('return select("#", ...), ...', { args: [1, 'a'] }), [2, 1, 'a']);
  assert.throws(() => lua.runSync('error("boom")', { chunkName: 'main.lua' }), (e) => {
    assert.ok(e instanceof LuaError);
    assert.equal(e.message, 'main.lua:1: boom');
    assert.equal(e.value, 'main.lua:1: boom');
    assert.match(e.luaTraceback, /^stack traceback:\n\t\[C\]: in function 'error'\n\tmain\.lua:1: in main chunk/);
    return true;
  });
  // default chunk name: the source, as load() does
  assert.throws(() => lua.runSync('local x = nil; return x.y'), /^Error|attempt to index a nil value \(local 'x'\)/);
  assert.throws(() => lua.runSync('return +'), (e) => e instanceof LuaError && /unexpected symbol/.test(e.message));
  lua.close();
  assert.equal(lua.closed, true);
  assert.throws(() => lua.runSync('return 1'), /closed/);
});

test('load compiles without running; run a file from a virtual file system', () => {
  const lua = new Lua({ fs: { 'lib/m.lua': 'return { name = "m" }', 'main.lua': 'return 6 * 7' } });
  const f = lua.load('x = (x or 0) + 1 return x', 'inc');
  assert.ok(f instanceof LuaFunction);
  assert.deepEqual(f.callSync(), [1]);
  assert.deepEqual(f.callSync(), [2]);
  assert.deepEqual(lua.runFileSync('main.lua'), [42]);
  assert.throws(() => lua.runFileSync('missing.lua'), /cannot open missing\.lua/);
  assert.equal(lua.runSync('return require("lib.m").name')[0], 'm');
});

test('globals, Lua functions from JS, JS functions from Lua', () => {
  const lua = new Lua();
  lua.set('add', (a, b) => a + b);
  lua.set('two', () => luaMulti(1, 2));
  lua.set('none', () => undefined);
  assert.deepEqual(lua.runSync('return add(2, 3), select("#", two()), select("#", none())'), [5, 2, 0]);
  lua.runSync('function mul(a, b) return a * b, "extra" end; answer = 42');
  assert.equal(lua.get('answer'), 42);
  const mul = lua.get('mul');
  assert.ok(mul instanceof LuaFunction);
  assert.deepEqual(mul.callSync(6, 7), [42, 'extra']);
  assert.deepEqual(lua.callSync('mul', [2, 3]), [6, 'extra']);
  // a JS function given to Lua and read back is the same function
  const f = (x) => x;
  lua.set('f', f);
  assert.equal(lua.get('f'), f);
  assert.equal(lua.runSync('return rawequal(f, f)')[0], true);
});

test('numbers: integers, floats, bigint beyond 2^53', () => {
  const lua = new Lua();
  const [i, fl, big, neg, two53] = lua.runSync('return 3, 3.0, math.maxinteger, math.mininteger, 2^53');
  assert.equal(i, 3);
  assert.equal(fl, 3);
  assert.equal(big, 9223372036854775807n);
  assert.equal(neg, -9223372036854775808n);
  assert.equal(two53, 9007199254740992);
  assert.deepEqual(lua.runSync('local a, b, c = ... return math.type(a), math.type(b), math.type(c), c + 1', {
    args: [7, 1.5, 1n << 60n],
  }), ['integer', 'float', 'integer', (1n << 60n) + 1n]);
  assert.equal(lua.runSync('return math.type(...)', { args: [new LuaFloatValue(2)] })[0], 'float');
  assert.throws(() => lua.runSync('return ...', { args: [1n << 70n] }), RangeError);
});

test('strings: UTF-8 both ways, raw bytes as Uint8Array', () => {
  const lua = new Lua();
  assert.deepEqual(lua.runSync('local s = ... return #s, s:upper()', { args: ['héllo'] }), [6, 'HéLLO']);
  assert.deepEqual(lua.runSync('return #..., (...):byte(1, -1)', { args: [new Uint8Array([0, 255, 10])] }), [3, 0, 255, 10]);
  lua.runSync('bin = "\\xff\\x00A"');
  assert.deepEqual(lua.getBytes('bin'), new Uint8Array([255, 0, 65]));
  const t = lua.runSync('return { b = "\\xfe" }')[0];
  assert.deepEqual(t.getBytes('b'), new Uint8Array([254]));
  const raw = new Lua({ rawStrings: true });
  assert.deepEqual(raw.runSync('return "\\1\\2"')[0], new Uint8Array([1, 2]));
});

test('tables are live proxies with metatables; explicit deep conversion', () => {
  const lua = new Lua();
  const [t] = lua.runSync(`
    T = setmetatable({ a = 1 }, { __index = function(_, k) return k .. "!" end,
                                  __len = function() return 99 end })
    return T`);
  assert.ok(t instanceof LuaTable);
  assert.equal(t.get('a'), 1);
  assert.equal(t.get('zz'), 'zz!');
  assert.equal(t.rawGet('zz'), undefined);
  assert.equal(t.length(), 99);
  t.set('b', 5);
  assert.equal(lua.runSync('return T.b')[0], 5);
  assert.equal(lua.get('T'), t); // one proxy per table
  // the table passed back to Lua keeps its metatable
  lua.set('U', t);
  assert.equal(lua.runSync('return rawequal(T, U), U.nope, getmetatable(U) == getmetatable(T)').join(','), 'true,nope!,true');
  const [d] = lua.runSync('local c = {} c.self = c return { 1, 2, { x = 3, y = { 4 } }, c = c }');
  const plain = d.toJS();
  assert.equal(plain['1'], 1); // not a sequence (key 'c'): an object with string keys
  assert.equal(plain['3'].x, 3);
  assert.deepEqual(plain['3'].y, [4]);
  assert.equal(plain.c.self, plain.c);
  assert.deepEqual(lua.runSync('return {10, 20, 30}')[0].toJS(), [10, 20, 30]);
  assert.deepEqual(lua.runSync('return {x = {y = "z"}}')[0].toJS(), { x: { y: 'z' } });
  assert.deepEqual(lua.runSync('return {1, 2, n = 2}')[0].entries().length, 3);
  const made = lua.createTable({ list: [1, 2, 3], nested: { k: 'v' } });
  assert.deepEqual(lua.runSync('local t = ... return #t.list, t.nested.k', { args: [made] }), [3, 'v']);
  made.setMetatable({ __index: (_t, k) => `mt:${k}` });
  assert.equal(lua.runSync('return (...).other', { args: [made] })[0], 'mt:other');
  assert.ok(lua.runSync('return coroutine.create(print)')[0] instanceof LuaCoroutine);
});

test('JS objects are userdata whose __index/__newindex/__call reach the object', () => {
  const lua = new Lua();
  const obj = { x: 1, greet(name) { return `hi ${name} from ${this.x}`; }, list: [1, 2, 3] };
  lua.set('obj', obj);
  assert.deepEqual(lua.runSync('obj.x = obj.x + 41 return obj.x, obj:greet("bob"), obj.greet("ann"), #obj.list, type(obj)'),
    [42, 'hi bob from 42', 'hi ann from 42', 3, 'userdata']);
  assert.equal(obj.x, 42);
  assert.equal(lua.get('obj'), obj);
  assert.equal(lua.runSync('local ks = {} for k in pairs(obj) do ks[#ks + 1] = k end table.sort(ks) return table.concat(ks, ",")')[0],
    'greet,list,x');
  const callable = Object.assign((a) => a * 2, { tag: 'c' });
  lua.set('callable', lua.createTable({}));
  lua.set('fnobj', { run: callable });
  assert.equal(lua.runSync('return fnobj.run(21)')[0], 42);
  assert.throws(() => lua.runSync('return obj.constructor'), /JS property 'constructor' is not accessible/);
  assert.throws(() => lua.runSync('return obj()'), /attempt to call a JS object/);
  assert.equal(lua.runSync('return getmetatable(obj)')[0], false);
});

test('errors: JS exceptions become Lua errors; Lua errors become LuaError', () => {
  const lua = new Lua();
  const original = new Error('kaboom');
  lua.set('boom', () => { throw original; });
  assert.deepEqual(lua.runSync('return pcall(boom)'), [false, 'kaboom']);
  assert.deepEqual(lua.runSync('local ok, e = pcall(function() boom() end) return e', { chunkName: 'p.lua' }), ['p.lua:1: kaboom']);
  assert.throws(() => lua.runSync('boom()', { chunkName: 'c.lua' }), (e) => {
    assert.ok(e instanceof LuaError);
    assert.equal(e.message, 'c.lua:1: kaboom');
    assert.equal(e.cause, original);
    return true;
  });
  assert.throws(() => lua.runSync('error({ code = 7 })'), (e) => {
    assert.ok(e.value instanceof LuaTable);
    assert.equal(e.value.get('code'), 7);
    assert.equal(e.message, '(error object is a table value)');
    return true;
  });
  // a LuaError thrown through JS back into Lua keeps its value
  lua.set('again', () => lua.runSync('error({ tag = "inner" })'));
  assert.equal(lua.runSync('local ok, e = pcall(again) return e.tag')[0], 'inner');
});

test('modules: setModule, host resolver, virtual files, require from JS', () => {
  const lua = new Lua({
    require: (name) => (name === 'greet' ? 'local M = {} function M.hi(n) return "hi " .. n end return M' : undefined),
    fs: { 'util/init.lua': 'return { v = ... }' },
  });
  lua.setModule('config', { debug: true, level: 3 });
  lua.setModule('native', { twice: (x) => 2 * x });
  assert.deepEqual(lua.runSync('return require("config").level, require("greet").hi("x"), require("util").v, require("native").twice(4)'),
    [3, 'hi x', 'util', 8]);
  assert.equal(lua.runSync('return require("greet") == require("greet")')[0], true);
  assert.equal(lua.require('config').get('debug'), true);
  assert.throws(() => lua.runSync('require("nope")'), /module 'nope' not found/);
});

test('sandbox: only safe libraries; the host is out of reach', () => {
  const lua = new Lua();
  assert.deepEqual(lua.runSync('return type(io), type(os), type(package), type(debug), type(dofile), type(loadfile)'),
    ['nil', 'nil', 'nil', 'nil', 'nil', 'nil']);
  assert.deepEqual(lua.runSync('return type(string), type(table), type(math), type(coroutine), type(load), type(require)'),
    ['table', 'table', 'table', 'table', 'function', 'function']);
  assert.deepEqual(lua.runSync('return load("\\27Lua...")'), [undefined, "attempt to load a binary chunk (mode is 't')"]);
  assert.deepEqual(lua.runSync('return load("\\27Lua...", "b", "b")'), [undefined, "attempt to load a binary chunk (mode is '')"]);
  assert.deepEqual(lua.runSync('return process, globalThis, require, _G.process'),
    [undefined, undefined, lua.get('require'), undefined]);
  assert.throws(() => lua.runSync('require("fs")'), /module 'fs' not found/);
  // collectgarbage reports this state's accounted memory, not the process heap
  const kb = lua.runSync('collectgarbage() return collectgarbage("count")')[0];
  assert.ok(kb > 0 && kb < 1024, `count ${kb}`);
  // opt-in libraries that are not in this build are a clear error
  for (const lib of ['io', 'os', 'package', 'debug']) {
    let opened;
    try {
      opened = new Lua({ libraries: [lib] });
    } catch (e) {
      assert.match(e.message, new RegExp(`Lua library '${lib}' is not available`));
      continue;
    }
    assert.equal(opened.runSync(`return type(${lib})`)[0], 'table');
  }
  const withFiles = new Lua({ fileLoaders: true, fs: { 'a.lua': 'return 1 + ...' } });
  assert.deepEqual(withFiles.runSync('return loadfile("a.lua")(1), pcall(dofile, "b.lua")'), [2, false, 'cannot open b.lua']);
});

test('10 states live side by side without sharing anything', () => {
  const states = Array.from({ length: 10 }, (_, i) => {
    const l = new Lua();
    l.set('id', i);
    return l;
  });
  states.forEach((l, i) => assert.equal(l.runSync('x = id * 2 return x')[0], i * 2));
  const a = states[0].runSync('return {}')[0];
  assert.throws(() => states[1].set('t', a), /another Lua state/);
});

test('the README examples (examples/embedding.mjs) run and print what the README says', () => {
  const out = execFileSync(process.execPath, ['examples/embedding.mjs'], { encoding: 'utf8' });
  const lines = out.trim().split('\n');
  assert.equal(lines[0], 'hello, moon 11');
  assert.equal(lines[3], "bad.lua:2: attempt to index a nil value (local 't')");
  assert.equal(lines[5], '5');
  assert.equal(lines[8], 'user7');
  assert.match(lines[9], /^instructions - .*instruction limit exceeded$/);
  assert.equal(lines[10], 'memory - not enough memory');
  assert.match(lines[11], /^depth - .*stack overflow$/);
  assert.equal(lines[12], 'still usable');
  assert.equal(lines[13], '[ 300000 ]');
});

test('deep recursion in one run does not leave the main stack large for the next', () => {
  const lua = new Lua({ limits: { memory: 256 * 1024 * 1024 } });
  assert.throws(() => lua.runSync('local function f() return 1 + f() end f()'), /stack overflow/);
  assert.ok(lua.memoryUsed() < 256 * 1024, `used ${lua.memoryUsed()}`);
});

test('the published types have no `any`', () => {
  const dir = new URL('../../dist/api/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.d.ts'));
  assert.ok(files.includes('index.d.ts'));
  for (const f of files) {
    const text = readFileSync(new URL(f, dir), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
    assert.doesNotMatch(text, /\bany\b/, f);
  }
});
