// Tests of the debug library that the Lua corpus cannot express: debug.debug reading commands
// from stdin (the corpus runs with stdin at /dev/null), and the hook masks Moonlet refuses.
// The expected texts are what lua5.4 prints for the same script and input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'bin/moonlet.js');

function moonlet(script, input) {
  const dir = mkdtempSync(join(tmpdir(), 'moonlet-debuglib-'));
  try {
    writeFileSync(join(dir, 'dd2.lua'), script, 'latin1');
    const r = spawnSync(process.execPath, [bin, 'dd2.lua'], { input, cwd: dir, encoding: 'latin1', timeout: 30000 });
    return { out: r.stdout, err: r.stderr, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('debug.debug runs stdin lines until "cont" and reports errors on stderr', () => {
  const script = `local function f() debug.debug() end
f()
print("resumed", io.read("l"))
debug.debug()
`;
  const input = 'print(1+1)\nerror("x")\nerror(setmetatable({}, {__tostring = function() return "obj" end}))\n'
    + 'local x = \nprint(debug.traceback("tb"))\nlocal t = debug.getinfo(3, "Sl") print(t.short_src, t.currentline)\n'
    + 'cont\nprint("after")\n';
  const r = moonlet(script, input);
  assert.equal(r.out, `2
tb
stack traceback:
\t(debug command):1: in main chunk
\t[C]: in function 'debug.debug'
\tdd2.lua:1: in local 'f'
\tdd2.lua:2: in main chunk
\t[C]: in ?
dd2.lua\t1
resumed\tprint("after")
`);
  assert.equal(r.err, 'lua_debug> lua_debug> (debug command):1: x\nlua_debug> obj\n'
    + 'lua_debug> (debug command):2: unexpected symbol near <eof>\nlua_debug> lua_debug> lua_debug> lua_debug> ');
  assert.equal(r.status, 0);
});

test('debug.sethook refuses call, return and line hooks with an error (only count hooks exist)', () => {
  const r = moonlet(`for _, m in ipairs({"c", "r", "l", "crl", "x"}) do
  print(m, pcall(debug.sethook, print, m, 0))
end
print(debug.gethook())
`, '');
  assert.equal(r.out, `c\tfalse\tbad argument #2 to 'debug.sethook' (call, return and line hooks are not supported)
r\tfalse\tbad argument #2 to 'debug.sethook' (call, return and line hooks are not supported)
l\tfalse\tbad argument #2 to 'debug.sethook' (call, return and line hooks are not supported)
crl\tfalse\tbad argument #2 to 'debug.sethook' (call, return and line hooks are not supported)
x\ttrue
nil
`);
});

test('count hooks and the instruction budget share the safe points', async () => {
  const { newLuaState } = await import('../../dist/stdlib/index.js');
  const { loadChunk } = await import('../../dist/stdlib/base.js');
  const S = newLuaState();
  const r = loadChunk(S, 'n = 0 debug.sethook(function() n = n + 1 end, "", 10) while true do end', '=t');
  S.setInstructionLimit(100000);
  const res = S.mainThread.pcall(r.fn, []);
  assert.deepEqual(res, { ok: false, values: ['t:1: instruction limit exceeded'] });
  // one hook call per 10 ticks of the budget (its own ticks included)
  const n = S.globals.getStr('n');
  assert.ok(n > 5000 && n <= 10000, `hook calls: ${n}`);
  // without hooks the budget alone stops the loop
  const r2 = loadChunk(S, 'debug.sethook() m = 0 while true do m = m + 1 end', '=u');
  S.setInstructionLimit(1000);
  assert.equal(S.mainThread.pcall(r2.fn, []).values[0], 'u:1: instruction limit exceeded');
  assert.ok(S.globals.getStr('m') <= 1000);
});
