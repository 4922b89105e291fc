// Benchmark runner: times moonlet against the reference lua5.4 (and fengari / wasmoon when their
// npm packages are installed) on bench/*.lua, interleaving engines, median of N runs, and checks
// every engine prints the same checksum line as lua5.4.
//   npm run bench [-- [names...] [--runs N] [--stat median|min] [--markdown] [--only engine,engine] [--baseline path/to/moonlet.js] [--polluted]]
// --stat min reports each engine's fastest run instead of the median: on a machine whose speed
// alternates between runs (docs/benchmarks.md), the minimum of 5-7 runs compares two builds more
// steadily than the median.
// --baseline adds an engine "moonlet-base" (another build of moonlet) to compare two builds.
// --polluted runs bench/experiments/mixed-prelude.lua before each program, in the same process
// (every engine): a fresh process running one benchmark gives an interpreter the narrowest type
// feedback, a real application does not (docs/performance.md item 21).
import { spawnSync, execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
let runs = 5;
let markdown = false;
let only;
let baseline;
let polluted = false;
let stat = 'median';
const names = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--runs') runs = Number(args[++i]);
  else if (args[i] === '--markdown') markdown = true;
  else if (args[i] === '--only') only = args[++i].split(',');
  else if (args[i] === '--baseline') baseline = args[++i];
  else if (args[i] === '--polluted') polluted = true;
  else if (args[i] === '--stat') stat = args[++i];
  else names.push(args[i].replace(/\.lua$/, ''));
}
if (stat !== 'median' && stat !== 'min') {
  console.error(`bench/run.js: --stat must be median or min (got ${stat})`);
  process.exit(2);
}
const files = readdirSync(join(root, 'bench')).filter((f) => f.endsWith('.lua')).map((f) => f.slice(0, -4))
  .filter((n) => names.length === 0 || names.includes(n)).sort();

const engines = [];
const have = (cmd) => { try { execFileSync(cmd, ['-v'], { stdio: 'ignore' }); return true; } catch { return false; } };
if (have('lua5.4')) engines.push({ name: 'lua5.4', cmd: (f) => ['lua5.4', [f]] });
else console.log('note: lua5.4 not installed; ratios unavailable (apt-get install lua5.4)');
if (baseline) engines.push({ name: 'moonlet-base', cmd: (f) => [process.execPath, [baseline, f]] });
engines.push({ name: 'moonlet', cmd: (f) => [process.execPath, [join(root, 'bin/moonlet.js'), f]] });
for (const peer of ['fengari', 'wasmoon']) {
  if (only && !only.includes(peer)) continue;
  const driver = join(root, 'bench/drivers', peer + '.js');
  if (existsSync(join(root, 'node_modules', peer)) && existsSync(driver)) {
    engines.push({ name: peer, cmd: (f) => [process.execPath, [driver, f]] });
  } else console.log(`note: ${peer} skipped (npm package or bench/drivers/${peer}.js not installed)`);
}

function timeOnce(engine, file) {
  const [cmd, argv] = engine.cmd(file);
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { cwd: root, encoding: 'latin1', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const out = (r.stdout || '').trim().split('\n').pop() ?? '';
  return { ms, out, ok: r.status === 0, err: r.stderr };
}

const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[s.length >> 1]; };
const summarise = stat === 'min' ? (a) => Math.min(...a) : median;
const rows = [];
const startup = join(os.tmpdir(), 'moonlet-empty.lua');
writeFileSync(startup, '');
const prelude = polluted ? readFileSync(join(root, 'bench/experiments/mixed-prelude.lua'), 'latin1') : '';
/** The file to run for benchmark n: with --polluted, a temporary copy with the prelude in front. */
function benchFile(n) {
  const file = join('bench', n + '.lua');
  if (!polluted) return file;
  const tmp = join(os.tmpdir(), `moonlet-polluted-${n}.lua`);
  writeFileSync(tmp, prelude + readFileSync(join(root, file), 'latin1'), 'latin1');
  return tmp;
}
if (polluted) console.log('note: --polluted: bench/experiments/mixed-prelude.lua runs before each program');
const cases = [['(start-up: empty script)', startup], ...files.map((n) => [n, benchFile(n)])];
for (const [label, file] of cases) {
  const times = engines.map(() => []);
  const outs = engines.map(() => undefined);
  let failed = engines.map(() => false);
  for (let r = 0; r < runs; r++) {
    engines.forEach((e, k) => {
      const res = timeOnce(e, file);
      if (!res.ok) failed[k] = res.err.split('\n')[0] || 'failed';
      times[k].push(res.ms);
      outs[k] = res.out;
    });
  }
  const ref = engines[0].name === 'lua5.4' ? outs[0] : undefined;
  rows.push({
    label,
    cells: engines.map((e, k) => ({
      ms: summarise(times[k]),
      bad: failed[k] || (ref !== undefined && outs[k] !== ref ? `checksum ${outs[k]} != ${ref}` : false),
    })),
  });
}

const refIdx = engines.findIndex((e) => e.name === 'lua5.4');
const header = ['benchmark', ...engines.map((e) => `${e.name} ms`), ...(refIdx >= 0 ? engines.filter((e, k) => k !== refIdx).map((e) => `${e.name}/lua`) : [])];
const table = [];
const logs = engines.map(() => []);
for (const row of rows) {
  const line = [row.label, ...row.cells.map((c) => (c.bad ? `FAIL` : c.ms.toFixed(0)))];
  if (refIdx >= 0) {
    engines.forEach((e, k) => {
      if (k === refIdx) return;
      const c = row.cells[k];
      const ratio = c.ms / row.cells[refIdx].ms;
      line.push(c.bad ? 'FAIL' : ratio.toFixed(2));
      if (!c.bad && !row.label.startsWith('(')) logs[k].push(Math.log(ratio));
    });
  }
  table.push(line);
}
if (refIdx >= 0) {
  const line = ['geometric mean', ...engines.map(() => '')];
  engines.forEach((e, k) => { if (k !== refIdx) line.push(logs[k].length ? Math.exp(logs[k].reduce((a, b) => a + b, 0) / logs[k].length).toFixed(2) : '-'); });
  table.push(line);
}
if (markdown) {
  const cpu = (readFileSync('/proc/cpuinfo', 'utf8').match(/model name\s*:\s*(.*)/) || [])[1] ?? 'unknown CPU';
  console.log(`Date ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores (${cpu}), Node ${process.version}, ${stat === 'min' ? 'fastest' : 'median'} of ${runs} runs (wall time, including process start).\n`);
  console.log('| ' + header.join(' | ') + ' |');
  console.log('|' + header.map((h, i) => (i === 0 ? '---' : '---:')).join('|') + '|');
  for (const l of table) console.log('| ' + l.join(' | ') + ' |');
} else {
  const w = header.map((h, i) => Math.max(h.length, ...table.map((l) => String(l[i] ?? '').length)));
  console.log(header.map((h, i) => (i === 0 ? h.padEnd(w[i]) : h.padStart(w[i]))).join('  '));
  for (const l of table) console.log(l.map((c, i) => (i === 0 ? String(c).padEnd(w[i]) : String(c).padStart(w[i]))).join('  '));
}
for (const row of rows) row.cells.forEach((c, k) => { if (c.bad) console.log(`${row.label} [${engines[k].name}]: ${c.bad}`); });
