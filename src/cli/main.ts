// The `moonlet` command: the standalone interpreter of manual §7, as lua.c of the reference
// (5.4.4): options -e -l -i -v -E -W -- -, the `arg` table, LUA_INIT_5_4 / LUA_INIT, error
// reports with a traceback, and the interactive REPL (repl.ts). Moonlet addition:
// `moonlet --disasm file.lua...` lists the bytecode of the files (all functions, like luac -l -l);
// `moonlet compile [-s] [-o out] file.lua` writes a binary chunk (like luac).
// `moonlet --opcode-stats [options] [script]` runs as usual, then prints the executed opcodes and
// opcode pairs (the data for choosing superinstructions) to stderr.
//
// Differences from lua.c:
//   - messages are prefixed with "moonlet:" (the program name), the usage line says "moonlet";
//     the interpreter entry of `arg` (arg[-n]) is the path of the moonlet script as Node.js
//     received it (process.argv[1]), which can be run again (it has a #! line).
//   - Ctrl-C cannot interrupt running Lua code (JavaScript does not deliver signals while it is
//     busy): it terminates the process.

import { readFileSync, writeFileSync } from 'node:fs';
import { isatty } from 'node:tty';
import { LuaException } from '../runtime/error.js';
import { LuaTable } from '../runtime/table.js';
import type { LuaValue } from '../runtime/value.js';
import { isNumber, numberToString } from '../runtime/number.js';
import { NativeFunction } from '../vm/function.js';
import { LuaState, type LuaThread } from '../vm/state.js';
import { getMetamethod, len, typeName } from '../vm/ops.js';
import { openLibs } from '../stdlib/index.js';
import { loadChunk, loadFile, luaWarning, setGCMode, readAllStdin, skipFileHeader, fsPath, strerror, type LoadResult } from '../stdlib/base.js';
import { compile } from '../frontend/index.js';
import { disassemble } from '../bytecode/disasm.js';
import { dumpProto } from '../bytecode/dump.js';
import { undump, isBinaryChunk, BadBinaryFormat } from '../bytecode/undump.js';
import { doREPL } from './repl.js';
import { formatOpStats } from './opstats.js';
import { standardSinks, type Sink } from './output.js';

export const PROGNAME = 'moonlet';

/** lua.c's print_usage text (after the "progname: ..." line). */
function usageText(progname: string): string {
  return (
    `usage: ${progname} [options] [script [args]]\n` +
    'Available options are:\n' +
    "  -e stat   execute string 'stat'\n" +
    "  -i        enter interactive mode after executing 'script'\n" +
    "  -l mod    require library 'mod' into global 'mod'\n" +
    "  -l g=mod  require library 'mod' into global 'g'\n" +
    '  -v        show version information\n' +
    '  -E        ignore environment variables\n' +
    '  -W        turn warnings on\n' +
    '  --        stop handling options\n' +
    '  -         stop handling options and execute stdin\n'
  );
}

function moonletVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    if (typeof pkg.version === 'string') return pkg.version;
  } catch {
    // fall through
  }
  return '0.1.0';
}

/** The -v line, in the format of LUA_COPYRIGHT. */
export function versionLine(): string {
  return `Moonlet ${moonletVersion()} (Lua 5.4)  Copyright (C) 2026 Moonlet contributors; Lua (C) 1994-2022 Lua.org, PUC-Rio`;
}

// bits of the options found by collectargs
const HAS_ERROR = 1;
const HAS_I = 2;
const HAS_V = 4;
const HAS_E = 8;
const HAS_BIG_E = 16;

/**
 * lua.c's collectargs on argv (argv[0] = program name). Returns the option bits and the index
 * of the script (argv.length if none; the bad option's index on error).
 */
export function collectArgs(argv: readonly string[]): { args: number; script: number } {
  let args = 0;
  let i: number;
  for (i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a.charAt(0) !== '-') return { args, script: i };
    switch (a.charAt(1)) {
      case '-':
        if (a.length > 2) return { args: HAS_ERROR, script: i };
        return { args, script: i + 1 };
      case '':
        return { args, script: i };
      case 'E':
        if (a.length > 2) return { args: HAS_ERROR, script: i };
        args |= HAS_BIG_E;
        break;
      case 'W':
        if (a.length > 2) return { args: HAS_ERROR, script: i };
        break;
      case 'i':
      case 'v':
        if (a.length > 2) return { args: HAS_ERROR, script: i };
        args |= a.charAt(1) === 'i' ? HAS_I | HAS_V : HAS_V; // -i implies -v
        break;
      case 'e':
      case 'l': // both need an argument
        if (a.charAt(1) === 'e') args |= HAS_E;
        if (a.length === 2) {
          i++;
          if (i >= argv.length || argv[i].charAt(0) === '-') return { args: HAS_ERROR, script: i - 1 };
        }
        break;
      default:
        return { args: HAS_ERROR, script: i };
    }
  }
  return { args, script: i };
}

/** Options of `run` (for tests and embedding the command). */
export interface CliOptions {
  /** Environment variables (default process.env). */
  env?: Record<string, string | undefined>;
  /** Is standard input a terminal? (default: isatty(0)) */
  stdinIsTTY?: boolean;
  /** The interpreter name stored in arg[-n] (default process.argv[1] ?? 'moonlet'). */
  interpreter?: string;
}

/** The interpreter session: a Lua state and lua.c's helpers around it. */
export class Session {
  readonly S: LuaState;
  readonly L: LuaThread;
  /** Program name prefixed to messages (undefined inside the REPL, as lua.c). */
  progname: string | undefined = PROGNAME;
  readonly out: Sink;
  readonly err: Sink;
  private readonly msgh: NativeFunction;

  constructor(S: LuaState, out: Sink, err: Sink) {
    this.S = S;
    this.L = S.mainThread;
    this.out = out;
    this.err = err;
    this.msgh = new NativeFunction('msghandler', msghandler);
  }

  /** l_message: "progname: msg\n" on standard error. */
  message(msg: string): void {
    this.err((this.progname !== undefined ? this.progname + ': ' : '') + msg + '\n');
  }

  /** report: print the error message of a failed step; returns ok. */
  report(ok: boolean, err: LuaValue): boolean {
    if (!ok) this.message(errorText(err));
    return ok;
  }

  /** docall: call fn with args under the traceback message handler. */
  docall(fn: LuaValue, args: LuaValue[] = []): { ok: boolean; values: LuaValue[] } {
    return this.L.pcall(fn, args, this.msgh);
  }

  /** dochunk: run a load result; report errors. */
  dochunk(r: LoadResult): boolean {
    if (!r.ok) return this.report(false, r.error);
    const c = this.docall(r.fn);
    return this.report(c.ok, c.values[0]);
  }

  dostring(s: string, name: string): boolean {
    return this.dochunk(loadChunk(this.S, s, name));
  }

  dofile(name: string | undefined): boolean {
    return this.dochunk(loadFile(this.S, name));
  }

  /** -l [g=]mod: globname = require(modname). */
  dolibrary(spec: string): boolean {
    const eq = spec.indexOf('=');
    const globname = eq < 0 ? spec : spec.slice(0, eq);
    const modname = eq < 0 ? spec : spec.slice(eq + 1);
    const c = this.docall(this.S.globals.getStr('require'), [modname]);
    if (c.ok) this.S.globals.setStr(globname, c.values[0]);
    return this.report(c.ok, c.values[0]);
  }

  /** handle_script: run the script at argv[script] with the positive entries of `arg` as arguments. */
  handleScript(argv: readonly string[], script: number): boolean {
    let fname: string | undefined = argv[script];
    if (fname === '-' && argv[script - 1] !== '--') fname = undefined;
    const r = loadFile(this.S, fname);
    if (!r.ok) return this.report(false, r.error);
    let args: LuaValue[];
    try {
      args = this.pushargs();
    } catch (e) {
      if (e instanceof LuaException) return this.report(false, e.value);
      throw e;
    }
    const c = this.docall(r.fn, args);
    return this.report(c.ok, c.values[0]);
  }

  /** pushargs: arg[1..#arg] (#arg honours __len, as luaL_len). */
  private pushargs(): LuaValue[] {
    const t = this.S.globals.getStr('arg');
    if (!(t instanceof LuaTable)) throw new LuaException("'arg' is not a table");
    const n = len(this.L, t);
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new LuaException('object length is not an integer');
    const args: LuaValue[] = [];
    for (let i = 1; i <= n; i++) args.push(t.getInt(i));
    return args;
  }

  /** handle_luainit: LUA_INIT_5_4 or LUA_INIT ("@file" or code). */
  handleLuaInit(env: Record<string, string | undefined>): boolean {
    let name = 'LUA_INIT_5_4';
    let init = env[name];
    if (init === undefined) {
      name = 'LUA_INIT';
      init = env[name];
    }
    if (init === undefined) return true;
    const bytes = Buffer.from(init, 'utf8').toString('latin1');
    if (bytes.charAt(0) === '@') return this.dofile(bytes.slice(1));
    return this.dostring(bytes, '=' + name);
  }
}

/** The error value as lua.c's report prints it (lua_tostring, "(null)" for other values). */
function errorText(v: LuaValue): string {
  if (typeof v === 'string') return v;
  if (isNumber(v)) return numberToString(v);
  return '(null)';
}

/** lua.c's msghandler: a string message gets a traceback; other values their __tostring. */
function msghandler(L: LuaThread, base: number, nargs: number): number {
  const stack = L.stack;
  const v = nargs >= 1 ? stack[base] : undefined;
  let msg: string;
  if (typeof v === 'string') msg = v;
  else if (isNumber(v)) msg = numberToString(v);
  else {
    const tm = getMetamethod(L.state, v, '__tostring');
    if (tm !== undefined) {
      const r = L.call(tm, [v])[0];
      if (typeof r === 'string') {
        stack[base] = r;
        return 1;
      }
    }
    msg = `(error object is a ${typeName(v)} value)`;
  }
  stack[base] = L.traceback(msg, 1);
  return 1;
}

/** createargtable: arg[0] = script, arguments after it positive, everything before negative. */
function createArgTable(argv: readonly string[], script: number): LuaTable {
  if (script === argv.length) script = 0;
  const t = new LuaTable();
  for (let i = 0; i < argv.length; i++) t.setInt(i - script, Buffer.from(argv[i], 'utf8').toString('latin1'));
  return t;
}

/** Command-line arguments as Lua strings (bytes). */
function toBytes(s: string): string {
  return Buffer.from(s, 'utf8').toString('latin1');
}

/**
 * Run the command with the arguments after the program name. Resolves to the exit status
 * (0 success, 1 failure).
 */
export async function run(args: readonly string[], opts: CliOptions = {}): Promise<number> {
  const { stdout, stderr } = standardSinks();
  try {
    return await runWith(args, opts, stdout, stderr);
  } catch (e) {
    // a bug in Moonlet (Lua errors never get here): report it with the JavaScript stack
    stderr(`${PROGNAME}: internal error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    return 1;
  }
}

async function runWith(args: readonly string[], opts: CliOptions, stdout: Sink, stderr: Sink): Promise<number> {
  const env = opts.env ?? process.env;
  if (args[0] === '--disasm') return disasmFiles(args.slice(1), stdout, stderr);
  if (args[0] === 'compile') return compileFile(args.slice(1), stdout, stderr);
  const opcodeStats = args[0] === '--opcode-stats';
  if (opcodeStats) args = args.slice(1);

  const interpreter = opts.interpreter ?? process.argv[1] ?? PROGNAME;
  const argv = [interpreter, ...args];
  const { args: flags, script } = collectArgs(argv);
  const optlim = script > 0 && script < argv.length ? script : argv.length;
  if (flags === HAS_ERROR) {
    const bad = argv[script];
    const which = bad.charAt(1);
    stderr(`${PROGNAME}: ` + (which === 'e' || which === 'l' ? `'${toBytes(bad)}' needs argument\n` : `unrecognized option '${toBytes(bad)}'\n`));
    stderr(usageText(PROGNAME));
    return 1;
  }
  if ((flags & HAS_V) !== 0) stdout(versionLine() + '\n');

  const S = new LuaState();
  if (opcodeStats) S.opStats = new Float64Array(256 * 256);
  S.stdout = stdout;
  S.stderr = stderr;
  if ((flags & HAS_BIG_E) !== 0) S.registry.setStr('LUA_NOENV', true);
  openLibs(S);
  const session = new Session(S, stdout, stderr);
  S.globals.setStr('arg', createArgTable(argv, script));
  setGCMode(S, 'generational');

  const ok = await (async (): Promise<boolean> => {
    if ((flags & HAS_BIG_E) === 0 && !session.handleLuaInit(env)) return false;
    // runargs: -e, -l and -W in order
    for (let i = 1; i < optlim; i++) {
      const a = argv[i];
      const o = a.charAt(1);
      if (o === 'e' || o === 'l') {
        let extra = a.slice(2);
        if (extra === '') extra = argv[++i];
        const ok = o === 'e' ? session.dostring(toBytes(extra), '=(command line)') : session.dolibrary(toBytes(extra));
        if (!ok) return false;
      } else if (o === 'W') luaWarning(S, '@on', false);
    }
    if (script < argv.length && !session.handleScript(argv, script)) return false;
    const stdinTTY = opts.stdinIsTTY ?? isatty(0);
    if ((flags & HAS_I) !== 0) {
      await doREPL(session, stdinTTY);
    } else if (script >= argv.length && (flags & (HAS_E | HAS_V)) === 0) {
      if (stdinTTY) {
        stdout(versionLine() + '\n');
        await doREPL(session, stdinTTY);
      } else session.dofile(undefined); // (its status is ignored, as lua.c does)
    }
    return true;
  })();
  stdout.flush();
  if (S.opStats !== undefined) stderr(formatOpStats(S.opStats));
  return ok ? 0 : 1;
}

/** moonlet --disasm file...: the listing of every function of each file ("-": stdin). */
async function disasmFiles(files: readonly string[], stdout: Sink, stderr: Sink): Promise<number> {
  if (files.length === 0) {
    stderr(`${PROGNAME}: '--disasm' needs argument\n`);
    stderr(usageText(PROGNAME));
    return 1;
  }
  for (const f of files) {
    const name = toBytes(f);
    let text: string;
    try {
      text = f === '-' ? readAllStdin() : readFileSync(fsPath(name), 'latin1');
    } catch (e) {
      stderr(`${PROGNAME}: cannot open ${name}: ${strerror(e)}\n`);
      return 1;
    }
    try {
      const chunk = skipFileHeader(text);
      const p = isBinaryChunk(chunk) ? undump(chunk) : compile(chunk, f === '-' ? '=stdin' : '@' + name);
      stdout(disassemble(p));
    } catch (e) {
      if (e instanceof LuaException) {
        stderr(`${PROGNAME}: ${errorText(e.value)}\n`);
        return 1;
      }
      if (e instanceof BadBinaryFormat) {
        stderr(`${PROGNAME}: ${f === '-' ? 'stdin' : name}: ${e.message}\n`);
        return 1;
      }
      throw e;
    }
  }
  stdout.flush();
  return 0;
}

const COMPILE_USAGE = `usage: ${PROGNAME} compile [-s] [-o output] file.lua
  -o output  write the binary chunk to 'output' (default: luac.out)
  -s         strip debug information
`;

/**
 * moonlet compile [-s] [-o out] file.lua: write the binary chunk of a Lua file (like luac;
 * "-" reads standard input). `moonlet out` runs it; `moonlet --disasm out` lists it.
 */
async function compileFile(args: readonly string[], stdout: Sink, stderr: Sink): Promise<number> {
  let output = 'luac.out';
  let strip = false;
  let input: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' && i + 1 < args.length) output = args[++i];
    else if (a === '-s') strip = true;
    else if (a === '-' || (a.charAt(0) !== '-' && input === undefined)) input = a;
    else {
      stderr(`${PROGNAME}: ${a === '-o' ? "'-o' needs argument" : `unrecognized option '${toBytes(a)}'`}\n`);
      stderr(COMPILE_USAGE);
      return 1;
    }
  }
  if (input === undefined) {
    stderr(`${PROGNAME}: no input file given\n`);
    stderr(COMPILE_USAGE);
    return 1;
  }
  const name = toBytes(input);
  let text: string;
  try {
    text = input === '-' ? readAllStdin() : readFileSync(fsPath(name), 'latin1');
  } catch (e) {
    stderr(`${PROGNAME}: cannot open ${name}: ${strerror(e)}\n`);
    return 1;
  }
  let bytes: string;
  try {
    const chunk = skipFileHeader(text);
    // a binary input is verified and written again (stripped with -s), as luac does
    const p = isBinaryChunk(chunk) ? undump(chunk) : compile(chunk, input === '-' ? '=stdin' : '@' + name);
    bytes = dumpProto(p, strip);
  } catch (e) {
    if (e instanceof LuaException) {
      stderr(`${PROGNAME}: ${errorText(e.value)}\n`);
      return 1;
    }
    if (e instanceof BadBinaryFormat) {
      stderr(`${PROGNAME}: ${input === '-' ? 'stdin' : name}: ${e.message}\n`);
      return 1;
    }
    throw e;
  }
  try {
    writeFileSync(fsPath(toBytes(output)), Buffer.from(bytes, 'latin1'));
  } catch (e) {
    stderr(`${PROGNAME}: cannot open ${toBytes(output)}: ${strerror(e)}\n`);
    return 1;
  }
  stdout.flush();
  return 0;
}
