// Runs bench/linearity.lua for each operation at three sizes under lua5.4 and moonlet and prints
// the time of the operation alone (measured inside the process: os.clock under lua5.4, a
// `clock` global from performance.now() under moonlet) and the time per million bytes/items,
// which stays flat when the operation is linear.
//   node bench/linearity.js [op...]
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { LuaState } = await import(join(root, 'dist/vm/state.js'));
const { openLibs } = await import(join(root, 'dist/stdlib/index.js'));
const { loadFile } = await import(join(root, 'dist/stdlib/base.js'));
const { NativeFunction } = await import(join(root, 'dist/vm/function.js'));

const sizes = {
  concat: [1e5, 1e6, 1e7],
  rep: [1e6, 1e7, 1e8],
  gsub: [1e5, 1e6, 1e7],
  gsubfn: [1e5, 1e6, 1e7],
  gmatch: [1e5, 1e6, 1e7],
  format: [1e6, 1e7, 1e8],
};
const wanted = process.argv.slice(2);
const script = join(root, 'bench/linearity.lua');

/** Run the script inside this process with a `clock` global; returns the printed line. */
function runMoonlet(op, n) {
  const S = new LuaState();
  openLibs(S);
  S.globals.setStr('clock', new NativeFunction('clock', (L, base) => {
    L.stack[base] = performance.now() / 1000;
    return 1;
  }));
  let line = '';
  S.globals.setStr('print', new NativeFunction('print', (L, base, nargs) => {
    const parts = [];
    for (let i = 0; i < nargs; i++) parts.push(String(L.stack[base + i]));
    line = parts.join('\t');
    return 0;
  }));
  const r = loadFile(S, script);
  if (!r.ok) throw new Error(String(r.error));
  S.mainThread.call(r.fn, [op, n]);
  return line;
}

function runLua(op, n) {
  try {
    return execFileSync('lua5.4', [script, op, String(n)], { encoding: 'latin1' }).trim();
  } catch {
    return undefined;
  }
}

const rows = [];
for (const op of Object.keys(sizes)) {
  if (wanted.length > 0 && !wanted.includes(op)) continue;
  for (const n of sizes[op]) {
    const ref = runLua(op, n);
    const ours = runMoonlet(op, n);
    const secs = (line) => (line ? Number(line.split(' ')[3]) : NaN);
    const check = (line) => (line ? line.split(' ')[2] : '?');
    const tr = secs(ref);
    const tm = secs(ours);
    rows.push([op, n.toExponential(0), (tr * 1000).toFixed(1), (tm * 1000).toFixed(1), ((tm / n) * 1e9).toFixed(2),
      check(ref) === check(ours) ? 'same' : `DIFF ${check(ref)} ${check(ours)}`]);
    if (global.gc) global.gc();
  }
}
console.log(['op', 'size', 'lua5.4 ms', 'moonlet ms', 'moonlet ns/unit', 'checksum'].join('\t'));
for (const r of rows) console.log(r.join('\t'));

