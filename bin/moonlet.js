#!/usr/bin/env node
// The `moonlet` command (src/cli/main.ts, built to dist/). `npm run build` also bundles dist/ into
// one CommonJS file with a V8 code cache (scripts/bundle.mjs), which this script compiles with
// `vm.Script`: that skips compiling ~550 KB of JavaScript on every start. This script is
// CommonJS (bin/package.json) because an ES module entry point costs Node ~10 ms more to start.
// The bundle is used only if it is at least as new as dist/cli/main.js (a plain `tsc` leaves it
// stale), and the cache only if it is at least as new as the bundle: V8 checks the cache against
// its own version and flags, but against the source only by its length.
'use strict';
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { dirname, join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { setFlagsFromString } = require('node:v8');
const { Script } = require('node:vm');

// V8's allocation-site pretenuring moves Lua tables to the old generation once many survive a
// scavenge, after which every short-lived table costs a full mark-compact (binarytrees ran 2x
// slower, depending on timing). Lua programs allocate in phases, so keep tables young.
setFlagsFromString('--no-allocation-site-pretenuring');

const modules = join(__dirname, '../dist/cli/main.js');
const bundle = join(__dirname, '../dist/bundle/moonlet.cjs');
const cacheFile = bundle + '.cache';
// set by scripts/bundle.mjs only: run, then write the code cache
const writeCache = process.env.MOONLET_WRITE_CODE_CACHE === '1';

function mtime(path) {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

function runBundle() {
  const useCache = !writeCache && mtime(cacheFile) >= mtime(bundle);
  const source = readFileSync(bundle, 'utf8');
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: bundle,
    cachedData: useCache ? readFileSync(cacheFile) : undefined,
  });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, bundle, dirname(bundle));
  return module.exports.run(process.argv.slice(2)).then((status) => {
    if (writeCache) writeFileSync(cacheFile, script.createCachedData());
    return status;
  });
}

const bundleTime = mtime(bundle);
const running =
  bundleTime >= 0 && bundleTime >= mtime(modules)
    ? runBundle()
    : import(pathToFileURL(modules).href).then((cli) => cli.run(process.argv.slice(2)));
running.then((status) => {
  process.exitCode = status;
});
