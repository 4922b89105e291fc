#!/usr/bin/env node
// The `moonlet` command (src/cli/main.ts, built to dist/). `npm run build` also bundles dist/ into
// one file, dist/cli/moonlet.bundle.js: loading one module instead of ~45 halves the start-up
// time. The bundle is used only if it is at least as new as dist/cli/main.js (a plain `tsc`
// leaves it stale).
import { statSync } from 'node:fs';

const cli = new URL('../dist/cli/', import.meta.url);
let entry = new URL('main.js', cli);
try {
  const bundle = new URL('moonlet.bundle.js', cli);
  if (statSync(bundle).mtimeMs >= statSync(entry).mtimeMs) entry = bundle;
} catch {
  // no bundle: use the modules
}
const { run } = await import(entry.href);
process.exitCode = await run(process.argv.slice(2));
