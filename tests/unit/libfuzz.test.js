// A short fixed-seed slice of the differential library-call fuzzer (tests/fuzz/libfuzz.js): random
// calls of the standard-library functions with adversarial arguments print the same results and
// error messages under moonlet as under lua5.4. Skipped when lua5.4 is not installed. Run many
// more on demand:
//   nice -n 19 node tests/fuzz/libfuzz.js <seed> <programs> --out=/tmp/libfuzz-out
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fuzz, describeDiff, generate, FUNCTIONS } from '../fuzz/libfuzz.js';

let haveLua = true;
try {
  execFileSync('lua5.4', ['-v'], { stdio: 'ignore' });
} catch {
  haveLua = false;
}

test('the generator is deterministic and reaches every listed function', () => {
  assert.deepEqual(generate(3, 50), generate(3, 50));
  const seen = new Set();
  for (let s = 0; s < 40; s++) for (const c of generate(s, 60)) seen.add(c.name);
  assert.equal(seen.size, FUNCTIONS.length);
});

test('fuzz slice: 8 programs of 60 calls (seed 11), no difference from lua5.4', { skip: !haveLua && 'lua5.4 not installed' }, () => {
  const r = fuzz(11, 8, { calls: 60 });
  assert.equal(r.programs, 8);
  assert.equal(r.skipped, 0);
  assert.equal(r.calls, 480);
  assert.deepEqual(r.diffs.map((d) => `${d.fn}\n${describeDiff(d)}`), []);
});
