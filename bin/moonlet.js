#!/usr/bin/env node
// The `moonlet` command (src/cli/main.ts, built to dist/). `npm run build` also bundles dist/ into
// dist/bundle/ (scripts/bundle.mjs): loading a few modules instead of ~45 halves the start-up
// time. The bundle is used only if it is at least as new as dist/cli/main.js (a plain `tsc`
// leaves it stale).
import { statSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

// V8's allocation-site pretenuring moves Lua tables to the old generation once many survive a
// scavenge, after which every short-lived table costs a full mark-compact (binarytrees ran 2x
// slower, depending on timing). Lua programs allocate in phases, so keep tables young.
setFlagsFromString('--no-allocation-site-pretenuring');

let entry = new URL('../dist/cli/main.js', import.meta.url);
try {
  const bundle = new URL('../dist/bundle/main.js', import.meta.url);
  if (statSync(bundle).mtimeMs >= statSync(entry).mtimeMs) entry = bundle;
} catch {
  // no bundle: use the modules
}
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2));
