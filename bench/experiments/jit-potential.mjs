// How fast could Lua run if its functions were compiled to JavaScript? (docs/performance.md item 39)
//
// Three of the benchmarks' kernels, written by hand the way a compiler from Moonlet's bytecode to
// JS could emit them, keeping Lua's semantics (type guards on every operand, integer overflow
// checks, floats with integral values boxed as LuaFloat, a safe-point count at every call and
// backward jump for instruction limits and interrupts). A guard that fails would hand the frame
// back to the interpreter (deoptimise); here it throws, and it never fires. Two tiers:
//   stack:  registers stay in a JS array with the interpreter's layout (base + register) and
//           every call pushes a frame record, so the interpreter, the debug library and error
//           tracebacks can read any frame at any time: a simple "baseline" compiler.
//   locals: registers are JS locals and parameters, floats unboxed while in registers, no
//           frame records: an optimising compiler, which must rebuild interpreter frames when it
//           deoptimises or when a debugger or traceback asks.
// Each kernel also runs as Lua in lua5.4 and in moonlet (the interpreter), timed with os.clock in
// the same way: best of 3 rounds after one warm-up round, in ms. The Lua kernels are copies of
// bench/fib.lua, bench/mandelbrot.lua and bench/heapsort.lua (without its matrix product), kept
// here next to their hand-compiled versions so that a change to a benchmark cannot make the two
// disagree.
//   node bench/experiments/jit-potential.mjs
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LuaFloat } from '../../dist/runtime/value.js';
import { LuaTable } from '../../dist/runtime/table.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

function bail() {
  throw new Error('guard failed (a real compiler would deoptimise here)');
}
let safeCount = 1 << 30; // the interpreter's S.safeCount: decremented at calls and back-edges
function safePoint() {
  safeCount = 1 << 30;
}
const box = (r) => (Number.isInteger(r) ? new LuaFloat(r) : r); // a float result into a register
const num = (v) => (typeof v === 'number' ? v : v instanceof LuaFloat ? v.n : bail());

// ---- fib(32): calls ------------------------------------------------------------------------------
const FIB_N = 32;
class Frame { func = 0; base = 0; savedpc = 0; cl = null; nresults = 0; }
const frames = Array.from({ length: 256 }, () => new Frame());
let frameTop = 0;
const fibCell = { open: false, value: null }; // the upvalue `fib`
const fibClosure = {}; // identity of the compiled closure, checked at each call

function fibStack(S, base) {
  // k = R[0]; LTI k 2; RETURN1 k; GETUPVAL fib; ADDI; CALL; GETUPVAL; ADDI; CALL; ADD; RETURN1
  const k = S[base];
  if (typeof k !== 'number' || !Number.isInteger(k)) bail();
  if (k < 2) return k;
  if (--safeCount <= 0) safePoint();
  let f = fibCell.value;
  if (f !== fibClosure) bail();
  S[base + 1] = f;
  S[base + 2] = k - 1;
  let fr = frames[++frameTop];
  fr.func = base + 1; fr.base = base + 2; fr.cl = f; fr.nresults = 1; fr.savedpc = 0;
  const r1 = fibStack(S, base + 2);
  frameTop--;
  S[base + 1] = r1;
  if (--safeCount <= 0) safePoint();
  f = fibCell.value;
  if (f !== fibClosure) bail();
  S[base + 2] = f;
  S[base + 3] = k - 2;
  fr = frames[++frameTop];
  fr.func = base + 2; fr.base = base + 3; fr.cl = f; fr.nresults = 1; fr.savedpc = 0;
  const r2 = fibStack(S, base + 3);
  frameTop--;
  S[base + 2] = r2;
  const x = S[base + 1], y = S[base + 2];
  if (typeof x !== 'number' || typeof y !== 'number' || !Number.isInteger(x) || !Number.isInteger(y)) bail();
  const s = x + y;
  if (!Number.isSafeInteger(s)) bail();
  return s;
}

function fibLocals(k) {
  if (typeof k !== 'number' || !Number.isInteger(k)) bail();
  if (k < 2) return k;
  if (--safeCount <= 0) safePoint();
  if (fibCell.value !== fibClosure) bail();
  const x = fibLocals(k - 1);
  if (--safeCount <= 0) safePoint();
  if (fibCell.value !== fibClosure) bail();
  const y = fibLocals(k - 2);
  const s = x + y;
  if (!Number.isSafeInteger(s)) bail();
  return s;
}

// ---- mandelbrot 1000x1000, 50 iterations: float arithmetic ----------------------------------------
const MB_N = 1000, MB_ITER = 50;

function mandelStack(S, base) {
  // registers: 0 count 1 bytesum 2 y 3 Ci 4 bits 5 nbits 6 x 7 Cr 8 Zr 9 Zi 10 Zrq 11 Ziq 12 inside 13 _
  S[base] = 0; S[base + 1] = 0;
  for (let y = 0; y < MB_N; y++) {
    if (--safeCount <= 0) safePoint();
    // a young copy of the register array now and then, as the interpreter does (item 23): float
    // results stored into an old array take the write barrier's slow path
    S = S.slice();
    S[base + 2] = y;
    S[base + 3] = box((2 * y) / MB_N - 1);
    S[base + 4] = 0; S[base + 5] = 0;
    for (let x = 0; x < MB_N; x++) {
      if (--safeCount <= 0) safePoint();
      S[base + 6] = x;
      S[base + 7] = box((2 * x) / MB_N - 1.5);
      S[base + 8] = new LuaFloat(0); S[base + 9] = new LuaFloat(0);
      S[base + 10] = new LuaFloat(0); S[base + 11] = new LuaFloat(0);
      S[base + 12] = 1;
      for (let i = 1; i <= MB_ITER; i++) {
        if (--safeCount <= 0) safePoint();
        S[base + 13] = i;
        // each operation reads its operands from registers and stores its result (a temporary
        // register for intermediate values), as the bytecode does
        S[base + 14] = box(2 * num(S[base + 8]));
        S[base + 14] = box(num(S[base + 14]) * num(S[base + 9]));
        S[base + 9] = box(num(S[base + 14]) + num(S[base + 3]));
        S[base + 14] = box(num(S[base + 10]) - num(S[base + 11]));
        S[base + 8] = box(num(S[base + 14]) + num(S[base + 7]));
        S[base + 10] = box(num(S[base + 8]) * num(S[base + 8]));
        S[base + 11] = box(num(S[base + 9]) * num(S[base + 9]));
        S[base + 14] = box(num(S[base + 10]) + num(S[base + 11]));
        if (num(S[base + 14]) > 4.0) { S[base + 12] = 0; break; }
      }
      const inside = S[base + 12];
      S[base] = S[base] + inside;
      S[base + 4] = S[base + 4] * 2 + inside;
      S[base + 5] = S[base + 5] + 1;
      if (S[base + 5] === 8) { S[base + 1] = (S[base + 1] * 31 + S[base + 4]) % 65521; S[base + 4] = 0; S[base + 5] = 0; }
    }
  }
  return S[base] * 100000 + S[base + 1];
}

function mandelLocals() {
  let count = 0, bytesum = 0;
  for (let y = 0; y < MB_N; y++) {
    if (--safeCount <= 0) safePoint();
    const Ci = (2 * y) / MB_N - 1;
    let bits = 0, nbits = 0;
    for (let x = 0; x < MB_N; x++) {
      if (--safeCount <= 0) safePoint();
      const Cr = (2 * x) / MB_N - 1.5;
      let Zr = 0.0, Zi = 0.0, Zrq = 0.0, Ziq = 0.0;
      let inside = 1;
      for (let i = 1; i <= MB_ITER; i++) {
        if (--safeCount <= 0) safePoint();
        Zi = 2 * Zr * Zi + Ci; // (floats, known from the types: unboxed doubles)
        Zr = Zrq - Ziq + Cr;
        Zrq = Zr * Zr;
        Ziq = Zi * Zi;
        if (Zrq + Ziq > 4.0) { inside = 0; break; }
      }
      count += inside; // integers: int32 ranges proven by the loop bounds
      bits = bits * 2 + inside;
      nbits++;
      if (nbits === 8) { bytesum = (bytesum * 31 + bits) % 65521; bits = 0; nbits = 0; }
    }
  }
  return count * 100000 + bytesum;
}

// ---- heapsort of 100000 integers, 3 rounds: array reads and writes -----------------------------
const HS_N = 100000;
/**
 * The array part of a Lua table, read and written inline as a compiler would (t.arr[i - 1]);
 * a table with a metatable would take the interpreter's path (__index / __newindex).
 */
function arrGet(t, i) {
  if (!(t instanceof LuaTable) || t.metatable !== undefined) bail();
  const arr = t.arr;
  if (i >= 1 && i <= arr.length) return arr[i - 1];
  return t.getInt(i);
}
function arrSet(t, i, v) {
  if (!(t instanceof LuaTable) || t.metatable !== undefined) bail();
  const arr = t.arr;
  if (i >= 1 && i <= arr.length && v !== undefined) arr[i - 1] = v;
  else t.setInt(i, v);
}
const lt = (x, y) => (typeof x === 'number' && typeof y === 'number' ? x < y : bail());
const int = (v) => (typeof v === 'number' && Number.isInteger(v) ? v : bail()); // an integer operand

function siftStack(S, base, uv) {
  // registers: 0 start 1 stop 2 root 3 child 4.. temporaries
  S[base + 2] = S[base];
  for (;;) {
    if (--safeCount <= 0) safePoint();
    const root = int(S[base + 2]);
    if (!(root * 2 <= int(S[base + 1]))) return;
    S[base + 3] = root * 2;
    if (lt(S[base + 3], S[base + 1])) {
      S[base + 4] = arrGet(uv.value, S[base + 3]);
      S[base + 5] = arrGet(uv.value, S[base + 3] + 1);
      if (lt(S[base + 4], S[base + 5])) S[base + 3] = int(S[base + 3]) + 1;
    }
    S[base + 4] = arrGet(uv.value, S[base + 2]);
    S[base + 5] = arrGet(uv.value, S[base + 3]);
    if (!lt(S[base + 4], S[base + 5])) return;
    S[base + 4] = arrGet(uv.value, S[base + 3]);
    S[base + 5] = arrGet(uv.value, S[base + 2]);
    arrSet(uv.value, S[base + 2], S[base + 4]);
    arrSet(uv.value, S[base + 3], S[base + 5]);
    S[base + 2] = S[base + 3];
  }
}
function siftLocals(uv, start, stop) {
  let root = int(start);
  int(stop);
  for (;;) {
    if (--safeCount <= 0) safePoint();
    if (!(root * 2 <= stop)) return;
    let child = root * 2;
    if (child < stop && lt(arrGet(uv.value, child), arrGet(uv.value, child + 1))) child++;
    const x = arrGet(uv.value, root), y = arrGet(uv.value, child);
    if (!lt(x, y)) return;
    arrSet(uv.value, root, y);
    arrSet(uv.value, child, x);
    root = child;
  }
}
function heapsortRun(stackTier) {
  let seed = 42;
  let checksum = 0;
  const S = new Array(64).fill(undefined);
  for (let round = 1; round <= 3; round++) {
    const a = new LuaTable();
    const uv = { open: false, value: a }; // sift's upvalue `a` (GETUPVAL at each use)
    for (let i = 1; i <= HS_N; i++) { seed = (seed * 75 + 74) % 65537; a.setInt(i, seed % 100000); }
    const sift = (start, stop) => {
      if (--safeCount <= 0) safePoint();
      if (stackTier) {
        S[10] = start; S[11] = stop;
        const fr = frames[++frameTop];
        fr.func = 9; fr.base = 10; fr.nresults = 0; fr.savedpc = 0;
        siftStack(S, 10, uv);
        frameTop--;
      } else siftLocals(uv, start, stop);
    };
    for (let start = HS_N >> 1; start >= 1; start--) sift(start, HS_N);
    for (let stop = HS_N; stop >= 2; stop--) {
      const x = a.getInt(1);
      a.setInt(1, a.getInt(stop));
      a.setInt(stop, x);
      sift(1, stop - 1);
    }
    checksum = (checksum + a.getInt(1) + a.getInt(HS_N >> 1) + a.getInt(HS_N)) % 1000000007;
  }
  return checksum;
}

// ---- the same kernels in Lua ----------------------------------------------------------------------
const LUA = `
local function best(f)
  f()
  local b = math.huge
  for _ = 1, 3 do local t = os.clock(); f(); b = math.min(b, os.clock() - t) end
  return b * 1000
end
local function fib(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
local function mandel()
  local N, iter = ${MB_N}, ${MB_ITER}
  local count, bytesum = 0, 0
  for y = 0, N - 1 do
    local Ci = 2 * y / N - 1
    local bits, nbits = 0, 0
    for x = 0, N - 1 do
      local Cr = 2 * x / N - 1.5
      local Zr, Zi, Zrq, Ziq = 0.0, 0.0, 0.0, 0.0
      local inside = 1
      for _ = 1, iter do
        Zi = 2 * Zr * Zi + Ci
        Zr = Zrq - Ziq + Cr
        Zrq = Zr * Zr
        Ziq = Zi * Zi
        if Zrq + Ziq > 4.0 then inside = 0; break end
      end
      count = count + inside
      bits = bits * 2 + inside
      nbits = nbits + 1
      if nbits == 8 then bytesum = (bytesum * 31 + bits) % 65521; bits, nbits = 0, 0 end
    end
  end
  return count * 100000 + bytesum
end
local function heapsort()
  local seed, checksum, n = 42, 0, ${HS_N}
  for round = 1, 3 do
    local a = {}
    for i = 1, n do seed = (seed * 75 + 74) % 65537; a[i] = seed % 100000 end
    local function sift(start, stop)
      local root = start
      while root * 2 <= stop do
        local child = root * 2
        if child < stop and a[child] < a[child + 1] then child = child + 1 end
        if a[root] < a[child] then
          a[root], a[child] = a[child], a[root]
          root = child
        else return end
      end
    end
    for start = n // 2, 1, -1 do sift(start, n) end
    for stop = n, 2, -1 do
      a[stop], a[1] = a[1], a[stop]
      sift(1, stop - 1)
    end
    checksum = (checksum + a[1] + a[n // 2] + a[n]) % 1000000007
  end
  return checksum
end
print(string.format("%.1f %.1f %.1f %d %d %d", best(function() return fib(${FIB_N}) end), best(mandel), best(heapsort),
  fib(${FIB_N}), mandel(), heapsort()))
`;

function runLua(cmd, args) {
  const r = spawnSync(cmd, [...args, '-e', LUA], { encoding: 'utf8' });
  if (r.status !== 0) return null;
  return r.stdout.trim().split(/\s+/).map(Number);
}

async function bestJs(f) {
  await f();
  let b = Infinity, v;
  for (let r = 0; r < 3; r++) {
    const t = performance.now();
    v = await f();
    b = Math.min(b, performance.now() - t);
  }
  return [b, v];
}

const S = new Array(256).fill(undefined);
const js = {
  fib: [await bestJs(() => { fibCell.value = fibClosure; S[1] = FIB_N; return fibStack(S, 1); }),
    await bestJs(() => { fibCell.value = fibClosure; return fibLocals(FIB_N); })],
  mandelbrot: [await bestJs(() => mandelStack(S, 1)), await bestJs(() => mandelLocals())],
  heapsort: [await bestJs(() => heapsortRun(true)), await bestJs(() => heapsortRun(false))],
};
const lua = runLua('lua5.4', []);
const moon = runLua(process.execPath, [join(root, 'bin/moonlet.js')]);
const names = ['fib', 'mandelbrot', 'heapsort'];
console.log('kernel        lua5.4   moonlet   JS stack   JS locals   (ms, best of 3; ratios to lua5.4)');
names.forEach((n, k) => {
  const [st, lo] = js[n];
  if (lua && (st[1] !== lua[3 + k] || lo[1] !== lua[3 + k])) throw new Error(`${n}: result ${st[1]} / ${lo[1]} != lua5.4's ${lua[3 + k]}`);
  const ref = lua ? lua[k] : NaN;
  const cell = (ms) => `${ms.toFixed(0).padStart(6)} ${lua ? `(${(ms / ref).toFixed(2)})` : ''}`;
  console.log(`${n.padEnd(12)} ${lua ? lua[k].toFixed(0).padStart(6) : '     -'} ${moon ? cell(moon[k]) : '-'} ${cell(st[0])} ${cell(lo[0])}`);
});
