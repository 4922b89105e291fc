#!/usr/bin/env node
// The `moonlet` command (src/cli/main.ts, built to dist/).
import { run } from '../dist/cli/main.js';

process.exitCode = await run(process.argv.slice(2));
