// The interpreter loop's frame stays small (docs/performance.md item 37): Ignition gives every
// block-scoped variable of a function its own register, so a `const` declared inside a `case`
// of execute() grows the frame that every coroutine resume and every Lua callback from a
// native pays to enter. The handlers declare their variables once at the top of execute().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

test('execute() has at most 100 interpreter registers', () => {
  const script = `import { run } from ${JSON.stringify(cli)}; await run(['-e', 'local t = {} for i = 1, 3 do t[i] = i end']);`;
  const out = execFileSync(process.execPath, [
    '--print-bytecode', '--print-bytecode-filter=execute', '--input-type=module', '-e', script,
  ], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const m = /Register count (\d+)/.exec(out);
  assert.ok(m, 'V8 printed the bytecode of execute');
  const registers = Number(m[1]);
  assert.ok(registers <= 100, `execute() has ${registers} registers (was 74): a handler declares its own variables?`);
});
