// Bundle dist/ (tsc output) for the `moonlet` command: dist/bundle/main.js and a few chunks
// instead of ~45 modules, which halves the start-up time (docs/performance.md). Code splitting
// keeps the lazily imported modules (REPL, disassembler) separate and, unlike a single-file
// bundle, keeps every module's bindings constant: a single file wraps modules that are also
// imported dynamically in lazy initialisers, turning `LuaTable` & co. into mutable variables,
// which made V8 slow down table allocation and `instanceof` (binarytrees 2.2 s -> 4.6 s).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(root + 'dist/bundle', { recursive: true, force: true });
await build({
  entryPoints: [root + 'dist/cli/main.js'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  outdir: root + 'dist/bundle',
  logLevel: 'warning',
});
