// A short fixed-seed slice of the bytecode fuzzer (tests/fuzz/bytecode-fuzz.js): mutated binary
// chunks are each rejected by the verifier, run to a result, or end in a Lua error — never a
// JavaScript exception or a hang. Run many more on demand:
//   nice -n 19 node tests/fuzz/bytecode-fuzz.js <seed> <iterations>
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fuzz, runChunk, seedChunks } from '../fuzz/bytecode-fuzz.js';

test('the seed chunks themselves load and run', () => {
  for (const chunk of seedChunks()) assert.deepEqual(runChunk(chunk), { kind: 'ok' });
});

test('fuzz slice: 3000 mutated chunks (seed 1), no crash, no hang', () => {
  const { counts, failures } = fuzz(1, 3000);
  assert.deepEqual(failures, []);
  assert.equal(counts.crash, 0);
  assert.equal(counts.hang, 0);
  assert.equal(counts.iterations, 3000);
  // the mutations exercise all three outcomes
  assert.ok(counts.rejected > 1000, `rejected ${counts.rejected}`);
  assert.ok(counts.ok > 100, `ok ${counts.ok}`);
  assert.ok(counts['lua-error'] > 100, `lua-error ${counts['lua-error']}`);
});
