// Node.js built-in modules that only some programs need, loaded on their first use instead of
// at start-up: importing child_process (io.popen, os.execute), crypto (io.tmpfile, os.tmpname)
// and readline (the interactive REPL) made every `moonlet` start load 28 more of Node's
// internal modules, ~10 ms of the ~150 ms `moonlet -e ""` took on a busy machine
// (docs/performance.md item 40).
import { createRequire } from 'node:module';

type ChildProcess = typeof import('node:child_process');
type Crypto = typeof import('node:crypto');
type Readline = typeof import('node:readline');

// process.getBuiltinModule (Node >= 20.16) needs no module URL, so this also works where a
// bundler has turned Moonlet into CommonJS without one; older Node versions use createRequire.
const nodeRequire: (id: string) => unknown = typeof process.getBuiltinModule === 'function'
  ? (id) => process.getBuiltinModule(id)
  : createRequire(import.meta.url);
let childProcess: ChildProcess | undefined;
let crypto: Crypto | undefined;
let readline: Readline | undefined;

export function nodeChildProcess(): ChildProcess {
  return (childProcess ??= nodeRequire('node:child_process') as ChildProcess);
}

export function nodeCrypto(): Crypto {
  return (crypto ??= nodeRequire('node:crypto') as Crypto);
}

export function nodeReadline(): Readline {
  return (readline ??= nodeRequire('node:readline') as Readline);
}
