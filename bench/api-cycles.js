// 10,000 create-run-close cycles of the embedding API in one process: heap before/after.
// Run: node --expose-gc bench/api-cycles.js [cycles]
import { Lua } from '../dist/api/index.js';

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc bench/api-cycles.js');
  process.exit(1);
}
const cycles = Number(process.argv[2] ?? 10000);
const code = `
  local t = {}
  for i = 1, 100 do t[i] = { n = i, s = "item" .. i } end
  local f = function(x) return x * 2 end
  local co = coroutine.wrap(function() coroutine.yield(f(21)) end)
  return #t, co(), host(3)
`;

function cycle(i) {
  const lua = new Lua({ limits: { instructions: 1e6, memory: 16 * 1024 * 1024 } });
  lua.set('host', (x) => x + i);
  const r = lua.runSync(code);
  if (r[0] !== 100 || r[1] !== 42 || r[2] !== 3 + i) throw new Error(`bad result ${r}`);
  lua.close();
}

async function asyncCycle(i) {
  const lua = new Lua();
  lua.set('wait', () => Promise.resolve(i));
  const r = await lua.run('return wait() + 1');
  if (r[0] !== i + 1) throw new Error('bad async result');
  lua.close();
}

const mb = (n) => (n / 1048576).toFixed(2) + ' MB';
function heap() {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

// warm-up (JIT, caches), then measure
for (let i = 0; i < 200; i++) cycle(i);
const before = heap();
const t0 = performance.now();
for (let i = 0; i < cycles; i++) cycle(i);
const t1 = performance.now();
const mid = heap();
for (let i = 0; i < cycles; i++) await asyncCycle(i);
const t2 = performance.now();
const after = heap();
console.log(`sync  cycles: ${cycles} in ${(t1 - t0).toFixed(0)} ms; heap before ${mb(before)}, after ${mb(mid)} (delta ${mb(mid - before)})`);
console.log(`async cycles: ${cycles} in ${(t2 - t1).toFixed(0)} ms; heap before ${mb(mid)}, after ${mb(after)} (delta ${mb(after - mid)})`);
