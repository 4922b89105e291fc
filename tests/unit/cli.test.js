// Tests of the `moonlet` command (src/cli): options, the arg table, LUA_INIT, error reports,
// the REPL on piped input, --disasm. The expected texts are what lua5.4 prints for the same
// command lines (with its name replaced by moonlet's).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'bin/moonlet.js');
const dir = mkdtempSync(join(tmpdir(), 'moonlet-cli-'));
const haveLib = (name) => existsSync(join(root, `dist/stdlib/${name}.js`));

/** Run moonlet; returns { out, err, status }. The interpreter name in arg is bin's path. */
function moonlet(args, { input = '', env = {}, cwd = dir } = {}) {
  const baseEnv = { ...process.env };
  delete baseEnv.LUA_INIT;
  delete baseEnv.LUA_INIT_5_4;
  for (const v of ['LUA_PATH', 'LUA_PATH_5_4', 'LUA_CPATH', 'LUA_CPATH_5_4']) delete baseEnv[v];
  const r = spawnSync(process.execPath, [bin, ...args], {
    input, cwd, env: { ...baseEnv, ...env }, encoding: 'latin1', timeout: 30000,
  });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

function file(name, text) {
  const p = join(dir, name);
  writeFileSync(p, text, 'latin1');
  return p;
}

const USAGE = `usage: moonlet [options] [script [args]]
Available options are:
  -e stat   execute string 'stat'
  -i        enter interactive mode after executing 'script'
  -l mod    require library 'mod' into global 'mod'
  -l g=mod  require library 'mod' into global 'g'
  -v        show version information
  -E        ignore environment variables
  -W        turn warnings on
  --        stop handling options
  -         stop handling options and execute stdin
`;

file('args.lua', 'print(...)\nfor i = -4, #arg do print(i, arg[i]) end\n');

test('script arguments: the arg table and ...', () => {
  const r = moonlet(['-e', 'x=1', 'args.lua', 'p', 'q']);
  assert.equal(r.status, 0);
  assert.equal(r.out, `p\tq\n-4\tnil\n-3\t${bin}\n-2\t-e\n-1\tx=1\n0\targs.lua\n1\tp\n2\tq\n`);
});

test('no script: arg[0] is the interpreter', () => {
  const r = moonlet(['-e', 'print(arg[0] == arg[-0], #arg, arg[1], arg[2], select("#", ...))']);
  assert.equal(r.out, 'true\t2\t-e\tprint(arg[0] == arg[-0], #arg, arg[1], arg[2], select("#", ...))\t0\n');
});

test('-e options run in order, also with the statement attached', () => {
  const r = moonlet(['-e', 'x = 1', '-eprint(x + 1)', '-e', 'print(x)']);
  assert.equal(r.out, '2\n1\n');
  assert.equal(r.status, 0);
});

test('-- stops options; - runs standard input with arguments', () => {
  assert.equal(moonlet(['--', 'args.lua', '-e']).out, `-e\n-4\tnil\n-3\tnil\n-2\t${bin}\n-1\t--\n0\targs.lua\n1\t-e\n`);
  const r = moonlet(['-', 'a', 'b'], { input: 'print("stdin", ...) print(arg[0])' });
  assert.equal(r.out, 'stdin\ta\tb\n-\n');
  const r2 = moonlet(['--', '-'], { input: 'print(1)' });
  assert.equal(r2.status, 1);
  assert.equal(r2.err, 'moonlet: cannot open -: No such file or directory\n');
});

test('standard input is run as a script when it is not a terminal (status ignored, as lua.c)', () => {
  const r = moonlet([], { input: 'print("from stdin", arg[0] ~= nil)' });
  assert.equal(r.out, 'from stdin\ttrue\n');
  const e = moonlet([], { input: 'error("x")' });
  assert.equal(e.status, 0);
  assert.match(e.err, /^moonlet: stdin:1: x\nstack traceback:\n/);
});

test('a first line starting with # is skipped; a BOM is skipped', () => {
  file('shebang.lua', '#!/usr/bin/env moonlet\nerror("line two")\n');
  const r = moonlet(['shebang.lua']);
  assert.equal(r.status, 1);
  assert.match(r.err, /^moonlet: shebang\.lua:2: line two\n/);
  file('bom.lua', '\xef\xbb\xbfprint("bom ok")');
  assert.equal(moonlet(['bom.lua']).out, 'bom ok\n');
});

test('errors: "moonlet: " message, traceback, exit status 1', () => {
  const r = moonlet(['-e', 'local function f() error("boom") end f()']);
  assert.equal(r.status, 1);
  assert.equal(r.err, `moonlet: (command line):1: boom
stack traceback:
\t[C]: in function 'error'
\t(command line):1: in local 'f'
\t(command line):1: in main chunk
\t[C]: in ?
`);
  const t = moonlet(['-e', 'error({})']);
  assert.equal(t.status, 1);
  assert.match(t.err, /^moonlet: \(error object is a table value\)\nstack traceback:\n/);
  const ts = moonlet(['-e', 'error(setmetatable({}, {__tostring = function() return "custom" end}))']);
  assert.equal(ts.err, 'moonlet: custom\n');
  assert.match(moonlet(['-e', 'error(42)']).err, /^moonlet: 42\nstack traceback:/);
  assert.match(moonlet(['-e', 'error()']).err, /^moonlet: \(error object is a nil value\)\n/);
  const syn = moonlet(['-e', 'x =', '-e', 'print("not reached")']);
  assert.equal(syn.status, 1);
  assert.equal(syn.out, '');
  assert.equal(syn.err, 'moonlet: (command line):1: unexpected symbol near <eof>\n');
  const nf = moonlet(['nofile.lua']);
  assert.equal(nf.status, 1);
  assert.equal(nf.err, 'moonlet: cannot open nofile.lua: No such file or directory\n');
});

test('output before an error is not lost', () => {
  const r = moonlet(['-e', 'for i = 1, 20000 do print(i) end error("end")']);
  assert.equal(r.status, 1);
  assert.equal(r.out.split('\n').length, 20001);
  assert.match(r.err, /^moonlet: \(command line\):1: end/);
});

test('bad options print the usage', () => {
  const cases = [
    [['-x'], "unrecognized option '-x'"],
    [['-e'], "'-e' needs argument"],
    [['-l'], "'-l' needs argument"],
    [['-e', '-v'], "'-e' needs argument"],
    [['-ix'], "unrecognized option '-ix'"],
    [['-vx'], "unrecognized option '-vx'"],
    [['-Ex'], "unrecognized option '-Ex'"],
    [['--x'], "unrecognized option '--x'"],
  ];
  for (const [args, msg] of cases) {
    const r = moonlet(args);
    assert.equal(r.status, 1, args.join(' '));
    assert.equal(r.out, '');
    assert.equal(r.err, `moonlet: ${msg}\n${USAGE}`);
  }
});

test('-v prints the version line first', () => {
  const r = moonlet(['-e', 'print(1)', '-v']);
  assert.equal(r.status, 0);
  assert.match(r.out, /^Moonlet \d+\.\d+\.\d+ \(Lua 5\.4\)  Copyright \(C\) .*\n1\n$/);
});

test('LUA_INIT_5_4 / LUA_INIT and -E', () => {
  assert.equal(moonlet(['-e', 'print(2)'], { env: { LUA_INIT: 'print("init")' } }).out, 'init\n2\n');
  assert.equal(moonlet(['-E', '-e', 'print(2)'], { env: { LUA_INIT: 'print("init")' } }).out, '2\n');
  assert.equal(moonlet(['-e', ''], { env: { LUA_INIT_5_4: 'print(54)', LUA_INIT: 'print("plain")' } }).out, '54\n');
  file('init.lua', 'print("init file", ...)');
  assert.equal(moonlet(['-e', ''], { env: { LUA_INIT: '@init.lua' } }).out, 'init file\n');
  const e = moonlet(['-e', 'print(2)'], { env: { LUA_INIT: 'error("x")' } });
  assert.equal(e.status, 1);
  assert.equal(e.out, '');
  assert.match(e.err, /^moonlet: LUA_INIT:1: x\nstack traceback:\n/);
  const n = moonlet(['-e', 'print(2)'], { env: { LUA_INIT_5_4: '@nofile' } });
  assert.equal(n.err, 'moonlet: cannot open nofile: No such file or directory\n');
});

test('-W turns warnings on', () => {
  const r = moonlet(['-W', '-e', 'warn("a", "b")', '-e', 'warn("@off") warn("c")']);
  assert.equal(r.err, 'Lua warning: ab\n');
  assert.equal(moonlet(['-e', 'warn("a")']).err, '');
});

test('the GC is in generational mode, as in lua.c', () => {
  assert.equal(moonlet(['-e', 'print(collectgarbage("incremental"))']).out, 'generational\n');
});

test('-l mod and -l g=mod', () => {
  file('mymod.lua', 'print("loading", ...) return {x = 42}');
  const r = moonlet(['-l', 'mymod', '-e', 'print(mymod.x)', '-lm=mymod', '-e', 'print(m.x, m == mymod)']);
  assert.equal(r.out, 'loading\tmymod\t./mymod.lua\n42\n42\ttrue\n');
  const e = moonlet(['-l', 'nomod']);
  assert.equal(e.status, 1);
  assert.match(e.err, /^moonlet: module 'nomod' not found:\n/);
});

const DEFAULT_PATH = '/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;' +
  '/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;/usr/share/lua/5.4/?.lua;' +
  '/usr/share/lua/5.4/?/init.lua;./?.lua;./?/init.lua';
const DEFAULT_CPATH = '/usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;' +
  '/usr/lib/lua/5.4/?.so;/usr/local/lib/lua/5.4/loadall.so;./?.so';

test('-l: dotted names, global names, order with -e, modules returning nothing', () => {
  mkdirSync(join(dir, 'lmods/sub'), { recursive: true });
  file('lmods/sub/inner.lua', 'print("inner", ...)');
  file('lmods/plain.lua', 'return "plain value"');
  const env = { LUA_PATH: 'lmods/?.lua' };
  const r = moonlet(['-e', 'x = 1', '-l', 'sub.inner', '-e', 'print(x, sub, _G["sub.inner"])',
    '-l', 'g=plain', '-e', 'print(g, plain)', '-l=plain', '-e', 'print(_G[""])'], { env });
  assert.equal(r.status, 0);
  assert.equal(r.err, '');
  assert.equal(r.out, 'inner\tsub.inner\tlmods/sub/inner.lua\n1\tnil\ttrue\nplain value\tnil\nplain value\n');
  // a failing -l stops the command; the message lists every file tried, with a traceback
  const e = moonlet(['-l', 'missing', '-e', 'print("not reached")'], { env });
  assert.equal(e.status, 1);
  assert.equal(e.out, '');
  assert.equal(e.err, "moonlet: module 'missing' not found:\n\tno field package.preload['missing']\n" +
    "\tno file 'lmods/missing.lua'\n" + DEFAULT_CPATH.split(';').map((p) => `\tno file '${p.replace('?', 'missing')}'\n`).join('') +
    "stack traceback:\n\t[C]: in function 'require'\n\t[C]: in ?\n");
  file('lmods/failing.lua', 'local x = nil\nreturn x.y');
  const f = moonlet(['-l', 'failing'], { env });
  assert.equal(f.status, 1);
  assert.equal(f.err, "moonlet: lmods/failing.lua:2: attempt to index a nil value (local 'x')\nstack traceback:\n" +
    "\tlmods/failing.lua:2: in main chunk\n\t[C]: in function 'require'\n\t[C]: in ?\n");
});

test('package.path and cpath: defaults, LUA_PATH_5_4 / LUA_PATH with ";;" as the default, -E', () => {
  const show = ['-e', 'print(package.path) print(package.cpath)'];
  assert.equal(moonlet(show).out, `${DEFAULT_PATH}\n${DEFAULT_CPATH}\n`);
  const both = { LUA_PATH_5_4: 'v/?.lua;;', LUA_PATH: 'u/?.lua', LUA_CPATH: ';;c/?.so' };
  assert.equal(moonlet(show, { env: both }).out, `v/?.lua;${DEFAULT_PATH}\n${DEFAULT_CPATH};c/?.so\n`);
  assert.equal(moonlet(show, { env: { LUA_PATH: 'a;;b;;c' } }).out, `a;${DEFAULT_PATH};b;;c\n${DEFAULT_CPATH}\n`);
  assert.equal(moonlet(show, { env: { LUA_PATH: ';;' } }).out, `${DEFAULT_PATH}\n${DEFAULT_CPATH}\n`);
  assert.equal(moonlet(show, { env: { LUA_PATH_5_4: '' } }).out, `\n${DEFAULT_CPATH}\n`);
  assert.equal(moonlet(['-E', ...show], { env: both }).out, `${DEFAULT_PATH}\n${DEFAULT_CPATH}\n`);
  assert.equal(moonlet(['-e', 'print(package.config == "/\\n;\\n?\\n!\\n-\\n")']).out, 'true\n');
});

test('native modules cannot be loaded: a file found on package.cpath fails plainly', () => {
  file('lmods/native.so', '\x7fELF not really');
  const env = { LUA_PATH: 'lmods/?.lua', LUA_CPATH: 'lmods/?.so' };
  const r = moonlet(['-e', 'print(pcall(require, "native"))', '-e', 'print(pcall(require, "native.sub"))',
    '-e', 'print(package.loadlib("lmods/native.so", "luaopen_native"))'], { env });
  const msg = 'dynamic libraries not enabled; Moonlet cannot load native (C) modules';
  assert.equal(r.out,
    `false\terror loading module 'native' from file 'lmods/native.so':\n\t${msg}\n` +
    `false\terror loading module 'native.sub' from file 'lmods/native.so':\n\t${msg}\n` +
    `nil\t${msg}\tabsent\n`);
});

test('os.exit flushes the output', { skip: !haveLib('os') && 'os library not built yet' }, () => {
  const r = moonlet(['-e', 'for i = 1, 5000 do print(i) end os.exit(3)']);
  assert.equal(r.status, 3);
  assert.equal(r.out.split('\n').length, 5001);
});

test('REPL on piped input (-i): values, continuation lines, errors', () => {
  const input = '1+1\nx = 3\nfor i=1,2 do\nprint(i)\nend\nerror("boom")\nerror({})\n= x\nreturn 1,nil,3\nprint(\n';
  const r = moonlet(['-i'], { input });
  assert.equal(r.status, 0);
  const version = r.out.split('\n')[0];
  assert.match(version, /^Moonlet /);
  // the reference (built with GNU readline) echoes the lines it reads
  assert.equal(r.out.slice(version.length + 1), '> 1+1\n2\n> x = 3\n> for i=1,2 do\n>> print(i)\n>> end\n1\n2\n' +
    '> error("boom")\n> error({})\n> = x\n3\n> return 1,nil,3\n1\tnil\t3\n> print(\n>> > \n');
  assert.equal(r.err, `stdin:1: boom
stack traceback:
\t[C]: in function 'error'
\tstdin:1: in main chunk
\t[C]: in ?
(error object is a table value)
stack traceback:
\t[C]: in function 'error'
\tstdin:1: in main chunk
\t[C]: in ?
stdin:1: unexpected symbol near <eof>
`);
});

test('REPL after a script, _PROMPT and _PROMPT2', () => {
  const r = moonlet(['-i', '-e', 'y = 5', '-e', '_PROMPT = "P> " _PROMPT2 = setmetatable({}, {__tostring = function() return "..." end})'], {
    input: 'y\nif y then\nprint("yes") end\n',
  });
  assert.equal(r.out.replace(/^.*\n/, ''), 'P> y\n5\nP> if y then\n...print("yes") end\nyes\nP> \n');
});

test('REPL: errors while printing results', () => {
  const r = moonlet(['-i'], { input: 'return setmetatable({}, {__tostring = function() return {} end})\n' });
  assert.equal(r.err, "error calling 'print' ('__tostring' must return a string)\n");
});

test('--disasm lists the bytecode of every function', () => {
  file('dis.lua', 'local function f(a) return a + 1 end\nprint(f(2))\n');
  const r = moonlet(['--disasm', 'dis.lua']);
  assert.equal(r.status, 0);
  assert.match(r.out, /^main <dis\.lua:0,0> \(\d+ instructions?\)/);
  assert.match(r.out, /\nfunction <dis\.lua:1,1>/);
  for (const op of ['VARARGPREP', 'CLOSURE', 'GETTABUP', 'CALL', 'ADDI', 'RETURN1']) assert.match(r.out, new RegExp(`\\b${op}\\b`));
  const e = moonlet(['--disasm', 'nofile.lua']);
  assert.equal(e.status, 1);
  assert.equal(e.err, 'moonlet: cannot open nofile.lua: No such file or directory\n');
  file('bad.lua', 'x =');
  const s = moonlet(['--disasm', 'bad.lua']);
  assert.equal(s.status, 1);
  assert.equal(s.err, 'moonlet: bad.lua:1: unexpected symbol near <eof>\n');
});

test('--opcode-stats runs the script and reports opcodes and pairs on stderr', () => {
  const f = file('opstats.lua', 'local s = 0\nfor i = 1, 1000 do s = s + i end\nprint(s)\n');
  const r = moonlet(['--opcode-stats', f]);
  assert.equal(r.status, 0);
  assert.equal(r.out, '500500\n');
  assert.match(r.err, /^opcode stats: \d+ instructions executed/);
  // the loop body: 1000 ADD and 1000 FORLOOP, and the pair (ADD, FORLOOP) 1000 times
  assert.match(r.err, /\nADD +1000 /);
  assert.match(r.err, /\nFORLOOP +1000 /);
  assert.match(r.err, /\nADD FORLOOP +1000 /);
  const plain = moonlet([f]);
  assert.equal(plain.err, '');
});

test('the bundled CLI has a code cache that V8 accepts (start-up, scripts/bundle.mjs)', () => {
  const bundle = join(root, 'dist/bundle/moonlet.cjs');
  // as bin/moonlet.js compiles it: the same flag and the same wrapper
  const check = `
    const { readFileSync } = require('node:fs');
    require('node:v8').setFlagsFromString('--no-allocation-site-pretenuring');
    const b = ${JSON.stringify(bundle)};
    const s = new (require('node:vm').Script)('(function (exports, require, module, __filename, __dirname) {' + readFileSync(b, 'utf8') + '\\n})',
      { filename: b, cachedData: readFileSync(b + '.cache') });
    process.stdout.write(String(s.cachedDataRejected));`;
  const r = spawnSync(process.execPath, ['-e', check], { encoding: 'utf8' });
  assert.equal(r.stderr, '');
  assert.equal(r.stdout, 'false');
  assert.match(readFileSync(bin, 'utf8'), /\(function \(exports, require, module, __filename, __dirname\) \{\$\{source\}\\n\}\)/);
  // ASCII only: V8 would keep it as a two-byte string and decode it slowly (performance.md item 40)
  assert.ok(!/[^\x00-\x7f]/.test(readFileSync(bundle, 'latin1')), 'the bundle has a non-ASCII character');
  // the bundled command runs and reports errors like the modules do
  const ok = moonlet(['-e', 'print(select("#", 1, 2), ("x"):rep(2))']);
  assert.equal(ok.out, '2\txx\n');
  const bad = moonlet(['-e', 'local t = nil; t.x = 1']);
  assert.equal(bad.status, 1);
  assert.match(bad.err, /^moonlet: \(command line\):1: attempt to index a nil value \(local 't'\)\n/);
});

test('start-up loads child_process, crypto and readline only when a program uses them', () => {
  // (docs/performance.md item 40: they cost ~10 ms of every start)
  const list = join(dir, 'modules.cjs');
  writeFileSync(list, "process.on('exit', () => require('fs').writeSync(2, process.moduleLoadList.join('\\n')));\n");
  const loaded = (code) => {
    const r = spawnSync(process.execPath, ['-r', list, bin, '-e', code], { encoding: 'latin1', timeout: 30000 });
    assert.equal(r.status, 0, r.stderr);
    return new Set(r.stderr.split('\n'));
  };
  const idle = loaded('');
  for (const m of ['child_process', 'crypto', 'readline']) assert.ok(!idle.has(`NativeModule ${m}`), `${m} loaded at start-up`);
  const used = loaded('assert(io.popen("true")):close() os.remove(os.tmpname())');
  for (const m of ['child_process', 'crypto']) assert.ok(used.has(`NativeModule ${m}`), `${m} loaded on use`);
});
