// The README's "Embedding" examples, runnable: node examples/embedding.mjs (after npm run build)
import { Lua, LuaError, LuaTable, luaMulti } from '../dist/api/index.js';

// --- create, run, call, globals
const lua = new Lua();                       // a sandbox: base, string, table, math, utf8, coroutine
lua.set('greet', (name) => `hello, ${name}`); // a JS function callable from Lua
const [msg, n] = lua.runSync('local m = greet("moon") return m, #m', { chunkName: 'demo.lua' });
console.log(msg, n);                         // hello, moon 11
lua.runSync('function add(a, b) return a + b, a * b end');
console.log(lua.callSync('add', [6, 7]));    // [ 13, 42 ]
const add = lua.get('add');                  // a LuaFunction
console.log(add.callSync(2, 3));             // [ 5, 6 ]

// --- errors
try {
  lua.runSync('local t = nil\nreturn t.x', { chunkName: 'bad.lua' });
} catch (e) {
  if (e instanceof LuaError) console.log(e.message);  // bad.lua:2: attempt to index a nil value (local 't')
}

// --- values: tables are live, deep conversion on request, JS objects as userdata
const [config] = lua.runSync('return { name = "demo", sizes = { 1, 2, 3 } }');
console.log(config instanceof LuaTable, config.get('name'), config.toJS()); // true demo { name: 'demo', sizes: [ 1, 2, 3 ] }
config.set('name', 'changed');
const counter = { count: 0, bump(by) { this.count += by; return this.count; } };
lua.set('counter', counter);
lua.runSync('counter:bump(2); counter.bump(3)');
console.log(counter.count);                  // 5
lua.set('minmax', (...xs) => luaMulti(Math.min(...xs), Math.max(...xs)));
console.log(lua.runSync('return minmax(3, 1, 2)')); // [ 1, 3 ]
console.log(lua.runSync('return math.maxinteger')); // [ 9223372036854775807n ]

// --- async: Lua waits for promises without blocking the host
lua.set('fetchUser', async (id) => ({ id, name: `user${id}` }));
lua.set('sleep', (ms) => new Promise((r) => setTimeout(r, ms)));
const [user] = await lua.run(`
  local u = fetchUser(7)
  sleep(10)
  return u.name
`);
console.log(user);                           // user7

// --- limits
const sandbox = new Lua({ limits: { instructions: 1e6, memory: 16 * 1024 * 1024, callDepth: 200, timeout: 1000 } });
for (const code of ['while true do end', 'local s = "x" while true do s = s .. s end', 'local function f() return 1 + f() end f()']) {
  try {
    sandbox.runSync(code);
  } catch (e) {
    console.log(e.limit, '-', e.message);    // instructions / memory / depth
  }
}
console.log(sandbox.runSync('return "still usable"')[0]);

// --- run without blocking: slices, pause, resume
const task = sandbox.run('local n = 0 for i = 1, 3e5 do n = n + 1 end return n', { slice: { ms: 5 } });
task.pause();
setTimeout(() => task.resume(), 10);
console.log(await task);                     // [ 300000 ]
sandbox.close();
lua.close();
