// Bundle dist/ (tsc output) for the `moonlet` command into one CommonJS file,
// dist/bundle/moonlet.cjs, plus a V8 code cache for it, dist/bundle/moonlet.cjs.cache
// (docs/performance.md, start-up). bin/moonlet.js compiles the bundle with `vm.Script` and the
// cache, which skips parsing and compiling the ~550 KB of JavaScript on every start:
// `moonlet -e ""` goes from ~0.12 s to ~0.07 s of wall time (Node itself takes ~0.06 s).
//
// The bundle must not contain dynamic imports of its own modules: esbuild would wrap those
// modules and everything they import in lazy initialisers, turning `LuaTable` & co. into
// mutable variables, which made V8 slow down table allocation and `instanceof` (binarytrees
// 2.2 s -> 4.6 s). The build fails if it finds such a wrapper.
import { build } from 'esbuild';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outfile = root + 'dist/bundle/moonlet.cjs';
rmSync(root + 'dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: [root + 'dist/cli/main.js'],
  bundle: true,
  format: 'cjs',
  platform: 'node',
  outfile,
  // import.meta.url of the ES modules, for a CommonJS file (main.ts finds package.json with it)
  define: { 'import.meta.url': '__moonletModuleUrl' },
  banner: { js: 'var __moonletModuleUrl = require("node:url").pathToFileURL(__filename).href;' },
  logLevel: 'warning',
});
const bundled = readFileSync(outfile, 'utf8');
if (/\b__esm\(/.test(bundled)) {
  console.error('scripts/bundle.mjs: the bundle wraps modules in lazy initialisers (a dynamic import of a bundled module?)');
  process.exit(1);
}
// The bundle must be ASCII: V8 keeps a source with any other character as a two-byte string,
// decoded from UTF-8 on the slow path, which cost ~5 ms of every start (docs/performance.md
// item 40). esbuild writes code in ASCII (non-ASCII characters in strings, templates and regular
// expressions escaped: its default charset); what is left is in the doc comments it keeps, and a
// \uXXXX escape of each UTF-16 unit means the same character anywhere it could be.
if (/[^\x00-\x7f]/.test(bundled)) {
  writeFileSync(outfile, bundled.replace(/[^\x00-\x7f]/g, (ch) => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0')));
}

// The code cache holds the functions compiled while it is made, so make it after a run that
// compiles and executes a little Lua (the compiler, interpreter and common library paths).
// bin/moonlet.js writes it: the cache is only accepted by the V8 version and flags that made it.
const warmUp = 'local t = {} for i = 1, 20 do t[#t + 1] = string.format("%d:%s", i, tostring(i * 0.5)) end ' +
  'local s = table.concat(t, ",") assert(s:find("10:5.0", 1, true)) assert(select("#", pcall(error)) == 2)';
const r = spawnSync(process.execPath, [root + 'bin/moonlet.js', '-e', warmUp], {
  env: { ...process.env, MOONLET_WRITE_CODE_CACHE: '1' },
  stdio: 'inherit',
});
if (r.status !== 0) {
  console.error('scripts/bundle.mjs: making the code cache failed');
  process.exit(1);
}
