// The interactive loop of the `moonlet` command (lua.c's doREPL): prompts "> " and ">> "
// (or the globals _PROMPT / _PROMPT2), a line is first tried as "return <line>;" (so expressions
// print their values), "=expr" is "return expr", incomplete statements (a syntax error at
// "<eof>") continue on the next line, errors are reported with a traceback, Ctrl-D ends.
//
// On a terminal the lines are read with node:readline (line editing and history); otherwise they
// are read synchronously from file descriptor 0, one byte at a time, so that the REPL never
// consumes input beyond the current line (a chunk that calls io.read gets the lines after it),
// and echoed after the prompt, as the reference (built with GNU readline) does: a piped session
// prints the same transcript as lua5.4. Lines are Lua byte strings: terminal input (UTF-8) is
// converted to bytes.
//
// Difference from lua.c: when the input ends in the middle of an incomplete statement, the
// syntax error is reported (lua.c 5.4.4 prints "(null)").

import { readSync } from 'node:fs';
import type { ReadLineOptions } from 'node:readline';
import type { LuaValue } from '../runtime/value.js';
import { tostring } from '../vm/ops.js';
import { loadChunk, type LoadResult } from '../stdlib/base.js';
import { nodeReadline } from '../stdlib/nodemods.js';
import type { Session } from './main.js';

const EOFMARK = '<eof>';

interface LineReader {
  /** Read a line after showing the prompt; undefined at end of input. */
  read(prompt: string): Promise<string | undefined>;
  /** Remember a (possibly multi-line) input in the history. */
  save(line: string): void;
  close(): void;
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Synchronous line reader on fd 0 (not a terminal). */
function fdReader(session: Session): LineReader {
  const one = Buffer.alloc(1);
  let eof = false;
  return {
    read(prompt) {
      session.out(prompt);
      session.out.flush();
      if (eof) return Promise.resolve(undefined);
      const bytes: number[] = [];
      for (;;) {
        let n: number;
        try {
          n = readSync(0, one, 0, 1, null);
        } catch (e) {
          const code = (e as { code?: string }).code;
          if (code === 'EAGAIN') {
            sleepMs(5);
            continue;
          }
          if (code === 'EOF') n = 0;
          else throw e;
        }
        if (n === 0) {
          eof = true;
          break;
        }
        if (one[0] === 10) break;
        bytes.push(one[0]);
      }
      if (eof && bytes.length === 0) return Promise.resolve(undefined);
      const line = Buffer.from(bytes).toString('latin1');
      session.out(line + '\n'); // echo, as the reference's GNU readline does on a non-terminal
      return Promise.resolve(line);
    },
    save() {},
    close() {},
  };
}

/** node:readline on a terminal; one interface per line so the terminal is in normal mode (Ctrl-C works) while Lua code runs. */
async function ttyReader(session: Session): Promise<LineReader> {
  let history: string[] = [];
  return {
    read(prompt) {
      session.out.flush();
      return new Promise((resolve) => {
        const rl = nodeReadline().createInterface({
          input: process.stdin,
          output: process.stdout,
          terminal: true,
          history,
          historySize: 1000,
          removeHistoryDuplicates: true,
        } as ReadLineOptions);
        let done = false;
        const finish = (v: string | undefined): void => {
          if (done) return;
          done = true;
          history = (rl as unknown as { history?: string[] }).history ?? history;
          rl.close();
          resolve(v === undefined ? undefined : Buffer.from(v, 'utf8').toString('latin1'));
        };
        rl.on('close', () => finish(undefined));
        rl.on('SIGINT', () => {
          // as lua.c at its prompt (the default SIGINT action): leave
          rl.close();
          process.stdout.write('\n');
          process.exit(130);
        });
        rl.question(Buffer.from(prompt, 'latin1').toString('utf8'), (answer) => finish(answer));
      });
    },
    save() {},
    close() {
      process.stdin.pause();
    },
  };
}

/** get_prompt: _PROMPT / _PROMPT2 through tostring, or the defaults. */
function getPrompt(session: Session, firstline: boolean): string {
  const v = session.S.globals.getStr(firstline ? '_PROMPT' : '_PROMPT2');
  if (v === undefined) return firstline ? '> ' : '>> ';
  try {
    return tostring(session.L, v);
  } catch {
    return firstline ? '> ' : '>> ';
  }
}

function isIncomplete(r: LoadResult): boolean {
  return !r.ok && typeof r.error === 'string' && r.error.endsWith(EOFMARK);
}

/** loadline: read a statement (with continuation lines); undefined at end of input. */
async function loadLine(session: Session, reader: LineReader): Promise<LoadResult | undefined> {
  let line = await reader.read(getPrompt(session, true));
  if (line === undefined) return undefined;
  if (line.charAt(0) === '=') line = 'return ' + line.slice(1);
  // addreturn
  const r = loadChunk(session.S, `return ${line};`, '=stdin');
  if (r.ok) {
    if (line !== '') reader.save(line);
    return r;
  }
  // multiline
  for (;;) {
    const r2 = loadChunk(session.S, line, '=stdin');
    if (!isIncomplete(r2)) {
      reader.save(line);
      return r2;
    }
    const more = await reader.read(getPrompt(session, false));
    if (more === undefined) {
      reader.save(line);
      return r2;
    }
    line = line + '\n' + more;
  }
}

/** l_print: print the results with the global print. */
function printResults(session: Session, values: LuaValue[]): void {
  if (values.length === 0) return;
  const print = session.S.globals.getStr('print');
  const r = session.L.pcall(print, values);
  if (!r.ok) {
    const e = r.values[0];
    session.message(`error calling 'print' (${typeof e === 'string' ? e : tostringSafe(session, e)})`);
  }
}

function tostringSafe(session: Session, v: LuaValue): string {
  try {
    return tostring(session.L, v);
  } catch {
    return '(null)';
  }
}

/** doREPL. */
export async function doREPL(session: Session, stdinIsTTY: boolean): Promise<void> {
  const oldProgname = session.progname;
  session.progname = undefined;
  const reader = stdinIsTTY ? await ttyReader(session) : fdReader(session);
  try {
    for (;;) {
      const r = await loadLine(session, reader);
      if (r === undefined) break;
      if (!r.ok) {
        session.report(false, r.error);
        continue;
      }
      const c = session.docall(r.fn);
      if (c.ok) printResults(session, c.values);
      else session.report(false, c.values[0]);
    }
  } finally {
    reader.close();
  }
  session.out('\n');
  session.out.flush();
  session.progname = oldProgname;
}
