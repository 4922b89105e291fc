// Runs every Lua program in tests/lua/ under moonlet and compares with the expectations that
// tests/gen-expected.sh recorded from the reference lua5.4: stdout exactly, the first line of
// stderr (program name normalised), and the exit status. When lua5.4 is installed, each file is
// also run under it to check the recorded expectation is still what the reference prints.
// Files listed in tests/lua/KNOWN_FAILURES ("name.lua  # reason") are reported as todo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'tests/lua');
const files = readdirSync(dir).filter((f) => f.endsWith('.lua')).sort();

const known = new Map();
const knownPath = join(dir, 'KNOWN_FAILURES');
if (existsSync(knownPath)) {
  for (const line of readFileSync(knownPath, 'utf8').split('\n')) {
    const m = /^\s*([^\s#]+)\s*(?:#\s*(.*))?$/.exec(line);
    if (m) known.set(m[1], m[2] ?? 'known failure');
  }
}

let haveLua = false;
try {
  execFileSync('lua5.4', ['-v'], { stdio: 'ignore' });
  haveLua = true;
} catch {
  haveLua = false;
}

async function exec(cmd, args) {
  try {
    const pending = run(cmd, args, { cwd: root, encoding: 'latin1', timeout: 60000, maxBuffer: 64 << 20 });
    pending.child.stdin.end(); // programs that read stdin see end of file, as in gen-expected.sh
    const r = await pending;
    return { stdout: r.stdout, stderr: r.stderr, status: 0 };
  } catch (e) {
    if (e.code === undefined || typeof e.code !== 'number') {
      if (e.killed) return { stdout: e.stdout ?? '', stderr: 'TIMEOUT', status: -1 };
    }
    return { stdout: e.stdout ?? '', stderr: e.stderr ?? '', status: typeof e.code === 'number' ? e.code : -1 };
  }
}

function readOpt(path, def) {
  return existsSync(path) ? readFileSync(path, 'latin1') : def;
}

/** First differing line, for a readable failure. */
function firstDiff(expected, actual) {
  const a = expected.split('\n');
  const b = actual.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return `line ${i + 1}:\n  expected: ${JSON.stringify(a[i])}\n  actual:   ${JSON.stringify(b[i])}`;
  }
  return 'no difference';
}

function check(name, res, exp) {
  if (res.stdout !== exp.stdout) assert.fail(`${name}: stdout differs at ${firstDiff(exp.stdout, res.stdout)}`);
  const firstErr = res.stderr.split('\n')[0];
  const expErr = exp.stderr.split('\n')[0];
  assert.equal(firstErr, expErr, `${name}: first line of stderr`);
  assert.equal(res.status, exp.status, `${name}: exit status`);
}

for (const f of files) {
  const rel = `tests/lua/${f}`;
  const base = join(dir, f);
  const todo = known.get(f);
  test(rel, { concurrency: false, todo }, async () => {
    const exp = {
      stdout: readOpt(base + '.expected', ''),
      stderr: readOpt(base + '.stderr', '').replace(/\n$/, ''),
      status: Number(readOpt(base + '.status', '0').trim()),
    };
    if (haveLua) {
      const ref = await exec('lua5.4', [rel]);
      ref.stderr = ref.stderr.replace(/^lua5\.4:/, 'moonlet:');
      check(`${rel} (reference lua5.4 vs recorded expectation)`, ref, exp);
    }
    const res = await exec(process.execPath, ['bin/moonlet.js', rel]);
    check(rel, res, exp);
  });
}
