// The basic library (manual §6.1), as lbaselib.c of the reference (5.4.4), plus the chunk
// loaders of lauxlib (luaL_loadbufferx / luaL_loadfilex) that load, loadfile, dofile, require and
// the `moonlet` command share.
//
// Approximations (no observable difference for well-behaved programs):
//   - collectgarbage: memory is managed by the JavaScript GC, which Lua code cannot drive.
//     "step", "stop", "restart" only update the reported state ("stop" does not stop anything),
//     "collect" runs a full JS collection only when Node.js was started with --expose-gc; "count" reports the V8 heap in use (v8.getHeapStatistics().used_heap_size / 1024,
//     in KB, a float) — a figure for the whole process, not for this Lua state; "step" returns true
//     in incremental mode (as if each step finished a cycle) and false in generational mode (as
//     the reference does for basic steps). The mode ("incremental"/"generational") and the
//     "setpause"/"setstepmul" parameters are remembered per state with the reference's encoding
//     (stored divided by 4 in a byte: setpause(100) then setpause() returns 100, setstepmul(50)
//     then setstepmul() returns 48).
//   - load with a reader function: each call of the reader runs under its own protected call
//     (lua_load runs the whole parse protected), so an error traceback taken in the reader shows
//     one more "[C]: in ?" level.
//   - binary chunks are Moonlet's own format (docs/bytecode-format.md), verified before they
//     run; PUC-Lua's precompiled chunks are refused ("bad binary format (...)").

import { readFileSync, readSync } from 'node:fs';
import { getHeapStatistics } from 'node:v8';
import { LuaException, runtimeError } from '../runtime/error.js';
import { LuaTable } from '../runtime/table.js';
import { chargeMem } from '../runtime/memory.js';
import { isFalsy, mkfloat, type LuaValue } from '../runtime/value.js';
import {
  isNumber, numberToString, rawEquals, stringToNumber, wrapInt, i64Add, type LuaInteger,
} from '../runtime/number.js';
import { BUILTIN_SELECT, BUILTIN_TONUMBER, BUILTIN_TOSTRING, BUILTIN_TYPE, ITER_IPAIRS, ITER_NEXT, NativeFunction, type LuaClosure, type NativeFn, type NativeK } from '../vm/function.js';
import type { LuaState, LuaThread } from '../vm/state.js';
import { getMetamethod, getMetatable, index, rawSetChecked, tostring, typeName } from '../vm/ops.js';
import { loadProto, loadProtoWithEnv } from '../vm/load.js';
import { compile } from '../frontend/index.js';
import { prepareError } from '../vm/calls.js';
import { BadBinaryFormat, undump } from '../bytecode/undump.js';
import {
  argError, checkAny, checkInteger, checkOption, checkString, checkTable, checkType, luaError,
  optInteger, optString, typeError,
} from './aux.js';
import { protectedFunctions } from './protected.js';

// ---- chunk loading (lauxlib) -------------------------------------------------------------------

/** Result of loading a chunk: the function, or the error message (a syntax or file error). */
export type LoadResult = { ok: true; fn: LuaClosure } | { ok: false; error: LuaValue };

const LUA_SIGNATURE0 = '\x1b';

function binaryName(chunkname: string): string {
  const c = chunkname.charAt(0);
  if (c === '@' || c === '=') return chunkname.slice(1);
  if (c === LUA_SIGNATURE0) return 'binary string';
  return chunkname;
}

/**
 * lua_load of a complete chunk text (bytes as a latin1 JS string): checks the mode ("b", "t",
 * "bt"; undefined = any), compiles, and makes the closure with _ENV = the globals (or `env`
 * when given, even nil: pass { env } to set it).
 */
export function loadChunk(
  S: LuaState, chunk: string, chunkname: string, mode?: string, env?: { env: LuaValue },
): LoadResult {
  const binary = chunk.charAt(0) === LUA_SIGNATURE0;
  const what = binary ? 'binary' : 'text';
  // the reference reads the mode as a C string: it ends at the first "\0"
  if (mode !== undefined && mode.indexOf('\0') >= 0) mode = mode.slice(0, mode.indexOf('\0'));
  if (mode !== undefined && mode.indexOf(what.charAt(0)) < 0) {
    return { ok: false, error: `attempt to load a ${what} chunk (mode is '${mode}')` };
  }
  let proto;
  const L = S.current;
  try {
    chargeMem(1024 + 16 * chunk.length); // memory accounting: the compiled code (runtime/memory.ts)
    // the parser's nesting counts on top of the C calls active here, as in the reference
    proto = binary ? undump(chunk) : compile(chunk, chunkname, Math.max(1, L.nCcalls));
  } catch (e) {
    if (e instanceof LuaException) {
      // the parser's "C stack overflow" is a runtime error (luaG_runerror): it goes through
      // the active message handler, unlike syntax errors
      if (e.value === 'C stack overflow' && L.errfunc !== 0) return { ok: false, error: prepareError(L, e).value };
      return { ok: false, error: e.value };
    }
    if (e instanceof BadBinaryFormat) return { ok: false, error: `${binaryName(chunkname)}: ${e.message}` };
    if (e instanceof RangeError) return { ok: false, error: `${chunkname}: not enough memory` };
    throw e;
  }
  const fn = env === undefined ? loadProto(S, proto) : loadProtoWithEnv(S, proto, env.env);
  return { ok: true, fn };
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EACCES: 'Permission denied',
  EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  EMFILE: 'Too many open files',
  ENFILE: 'Too many open files in system',
  ENAMETOOLONG: 'File name too long',
  ELOOP: 'Too many levels of symbolic links',
  EIO: 'Input/output error',
  ENXIO: 'No such device or address',
  EINVAL: 'Invalid argument',
  ENOMEM: 'Cannot allocate memory',
  EAGAIN: 'Resource temporarily unavailable',
};

/** strerror(errno) for a Node.js system error. */
export function strerror(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && ERRNO_TEXT[code] !== undefined) return ERRNO_TEXT[code];
  const msg = (e as { message?: unknown } | null)?.message;
  return typeof msg === 'string' ? msg : String(e);
}

/** A Lua file name (bytes in a latin1 string) as a path for node:fs. */
export function fsPath(name: string): Buffer {
  // as fopen's char*, the name ends at its first "\0" (Node.js refuses names containing one)
  const k = name.indexOf('\0');
  return Buffer.from(k < 0 ? name : name.slice(0, k), 'latin1');
}

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** Read all of standard input synchronously (bytes as a latin1 string). */
export function readAllStdin(): string {
  const chunks: Buffer[] = [];
  const buf = Buffer.allocUnsafe(65536);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buf, 0, buf.length, null);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EAGAIN') {
        sleepMs(5);
        continue;
      }
      if (code === 'EOF') break;
      throw e;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buf.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('latin1');
}

/**
 * The text of a chunk file as luaL_loadfilex reads it: a UTF-8 BOM is dropped and a first line
 * starting with '#' is replaced by an empty line (kept for line numbers; dropped entirely when a
 * binary chunk follows it).
 */
export function skipFileHeader(text: string): string {
  let s = text;
  if (s.startsWith('\xef\xbb\xbf')) s = s.slice(3);
  if (s.charCodeAt(0) === 35 /* # */) {
    const nl = s.indexOf('\n');
    s = nl < 0 ? '\n' : s.slice(nl);
    if (s.charAt(1) === LUA_SIGNATURE0) s = s.slice(1);
  }
  return s;
}

/**
 * luaL_loadfilex: load a Lua file (undefined: standard input, chunkname "=stdin"); chunkname
 * "@filename". File errors: "cannot open <name>: <strerror>" / "cannot read <name>: ...".
 */
export function loadFile(S: LuaState, filename: string | undefined, mode?: string, env?: { env: LuaValue }): LoadResult {
  let text: string;
  let chunkname: string;
  if (filename === undefined) {
    chunkname = '=stdin';
    try {
      text = readAllStdin();
    } catch (e) {
      return { ok: false, error: `cannot read stdin: ${strerror(e)}` };
    }
  } else {
    if (filename.indexOf('\0') >= 0) filename = filename.slice(0, filename.indexOf('\0')); // a C string
    chunkname = '@' + filename;
    try {
      text = readFileSync(fsPath(filename), 'latin1');
    } catch (e) {
      const code = (e as { code?: string }).code;
      const what = code === 'EISDIR' || code === 'EIO' ? 'read' : 'open';
      return { ok: false, error: `cannot ${what} ${filename}: ${strerror(e)}` };
    }
  }
  return loadChunk(S, skipFileHeader(text), chunkname, mode, env);
}

// ---- warnings (lauxlib's warnf, lua_warning) -----------------------------------------------------

/** Warning system state per Lua state: 'off' (default), 'on', or 'cont' (inside a message). */
const warnState = new WeakMap<LuaState, 'off' | 'on' | 'cont'>();

function checkControl(S: LuaState, msg: string, tocont: boolean): boolean {
  if (tocont || msg.charCodeAt(0) !== 64 /* @ */) return false;
  const c = msg.slice(1);
  if (c === 'off') warnState.set(S, 'off');
  else if (c === 'on') warnState.set(S, 'on');
  return true;
}

/**
 * lua_warning: emit a warning piece (tocont: more pieces follow). Control messages "@on" and
 * "@off" switch warnings on and off; they are off in a new state. Output: "Lua warning: ..." on
 * S.stderr.
 */
export function luaWarning(S: LuaState, msg: string, tocont: boolean): void {
  const st = warnState.get(S) ?? 'off';
  if (st === 'off') {
    checkControl(S, msg, tocont);
    return;
  }
  if (st === 'on') {
    if (checkControl(S, msg, tocont)) return;
    S.stderr('Lua warning: ');
  }
  S.stderr(msg);
  if (tocont) warnState.set(S, 'cont');
  else {
    S.stderr('\n');
    warnState.set(S, 'on');
  }
}

// ---- garbage collector state (see the header) ---------------------------------------------------

interface GcInfo {
  mode: 'incremental' | 'generational';
  running: boolean;
  /** Stored as the reference stores them: value / 4 in a byte. */
  pause: number;
  stepmul: number;
}

const gcInfo = new WeakMap<LuaState, GcInfo>();

function gcOf(S: LuaState): GcInfo {
  let g = gcInfo.get(S);
  if (g === undefined) {
    g = { mode: 'incremental', running: true, pause: 200 / 4, stepmul: 100 / 4 };
    gcInfo.set(S, g);
  }
  return g;
}

const setgcparam = (v: number): number => Math.trunc(v / 4) & 0xff;

/** lua_gc(LUA_GCGEN / LUA_GCINC) without parameters: set the mode, return the previous one. */
export function setGCMode(S: LuaState, mode: 'incremental' | 'generational'): string {
  const g = gcOf(S);
  const prev = g.mode;
  g.mode = mode;
  return prev;
}

/** An optional int argument as a C int (luaL_optinteger cast to int). */
function optCInt(L: LuaThread, base: number, nargs: number, i: number): number {
  const v = optInteger(L, base, nargs, i, 0);
  return typeof v === 'number' ? v | 0 : Number(BigInt.asIntN(32, v));
}

const GC_OPTIONS = [
  'stop', 'restart', 'collect', 'count', 'step', 'setpause', 'setstepmul', 'isrunning',
  'generational', 'incremental',
] as const;

// ---- the library ---------------------------------------------------------------------------------

const luaB_print: NativeFn = (L, base, nargs) => {
  const stack = L.stack;
  let line = '';
  for (let i = 0; i < nargs; i++) {
    const v = stack[base + i];
    let s: string;
    if (typeof v === 'string' && L.state.stringMeta?.getStr('__tostring') === undefined) s = v;
    else {
      try {
        s = tostring(L, v);
      } catch (e) {
        // the reference has written the previous pieces already
        if (line.length > 0) L.state.stdout(line);
        throw e;
      }
    }
    line = i === 0 ? s : line + '\t' + s;
  }
  L.state.stdout(line + '\n');
  return 0;
};

const luaB_type: NativeFn = (L, base, nargs) => {
  if (nargs < 1) argError(L, 1, 'value expected');
  L.stack[base] = typeName(L.stack[base]);
  return 1;
};

const luaB_tostring: NativeFn = (L, base, nargs) => {
  const v = checkAny(L, base, nargs, 1);
  L.stack[base] = typeof v === 'string' && L.state.stringMeta?.getStr('__tostring') === undefined ? v : tostring(L, v);
  return 1;
};

const isCSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isAlnum = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);

/** l_str2int: the integer numeral in `base`, or undefined (the whole string must be used). */
function str2int(s: string, base: number): LuaInteger | undefined {
  let i = 0;
  const n = s.length;
  while (i < n && isCSpace(s.charCodeAt(i))) i++;
  let neg = false;
  if (s.charCodeAt(i) === 45) {
    neg = true;
    i++;
  } else if (s.charCodeAt(i) === 43) i++;
  if (i >= n || !isAlnum(s.charCodeAt(i))) return undefined;
  let acc = 0; // exact while below 2^53
  let big: bigint | undefined;
  do {
    const c = s.charCodeAt(i);
    const digit = c <= 57 ? c - 48 : (c | 32) - 97 + 10;
    if (digit >= base) return undefined;
    if (big === undefined) {
      const next = acc * base + digit;
      if (next <= Number.MAX_SAFE_INTEGER) acc = next;
      else big = BigInt(acc) * BigInt(base) + BigInt(digit);
    } else big = BigInt.asUintN(64, big * BigInt(base) + BigInt(digit));
    i++;
  } while (i < n && isAlnum(s.charCodeAt(i)));
  while (i < n && isCSpace(s.charCodeAt(i))) i++;
  if (i !== n) return undefined;
  if (big === undefined) return neg ? 0 - acc : acc;
  return wrapInt(neg ? -big : big);
}

const luaB_tonumber: NativeFn = (L, base, nargs) => {
  const stack = L.stack;
  if (nargs < 2 || stack[base + 1] === undefined) {
    const v = stack[base];
    if (nargs >= 1) {
      if (isNumber(v)) return 1;
      if (typeof v === 'string') {
        const r = stringToNumber(v);
        if (r !== undefined) {
          stack[base] = r;
          return 1;
        }
      }
    } else checkAny(L, base, nargs, 1);
  } else {
    const b = checkInteger(L, base, nargs, 2);
    checkType(L, base, nargs, 1, 'string');
    const s = stack[base] as string;
    if (!(b >= 2 && b <= 36)) argError(L, 2, 'base out of range');
    const r = str2int(s, Number(b));
    if (r !== undefined) {
      stack[base] = r;
      return 1;
    }
  }
  stack[base] = undefined;
  return 1;
};

const nextOut: LuaValue[] = [undefined, undefined];

const luaB_next: NativeFn = (L, base, nargs) => {
  const stack = L.stack;
  const t = nargs >= 1 ? stack[base] : undefined;
  if (!(t instanceof LuaTable)) return typeError(L, base, nargs, 1, 'table');
  const r = t.next(nargs >= 2 ? stack[base + 1] : undefined, nextOut);
  if (r === true) {
    stack[base] = nextOut[0];
    stack[base + 1] = nextOut[1];
    nextOut[0] = nextOut[1] = undefined;
    return 2;
  }
  if (r === undefined) runtimeError("invalid key to 'next'");
  stack[base] = undefined;
  return 1;
};

const nextFunction = new NativeFunction('next', luaB_next);
nextFunction.iterator = ITER_NEXT; // generic for loops run it inline (vm/interpreter.ts TFORCALL)

const pairsCont: NativeK = (L, base, first, nres) => {
  const stack = L.stack;
  for (let j = 0; j < 3; j++) stack[base + j] = j < nres ? stack[first + j] : undefined;
  return 3;
};

const luaB_pairs: NativeFn = (L, base, nargs) => {
  const t = checkAny(L, base, nargs, 1);
  const stack = L.stack;
  const tm = t instanceof LuaTable && t.metatable === undefined ? undefined : getMetamethod(L.state, t, '__pairs');
  if (tm === undefined) {
    stack[base] = nextFunction;
    stack[base + 1] = t;
    stack[base + 2] = undefined;
    return 3;
  }
  stack[base] = tm;
  stack[base + 1] = t;
  return L.callk(base, 1, pairsCont);
};

const ipairsAux: NativeFn = (L, base, nargs) => {
  const stack = L.stack;
  const iv = nargs >= 2 ? stack[base + 1] : undefined;
  let i: LuaInteger;
  if (typeof iv === 'number' && Number.isInteger(iv) && iv < Number.MAX_SAFE_INTEGER) i = iv + 1;
  else i = i64Add(checkInteger(L, base, nargs, 2), 1);
  const t = stack[base];
  let v: LuaValue;
  if (t instanceof LuaTable && t.metatable === undefined) v = typeof i === 'number' ? t.getInt(i) : t.get(i);
  else v = index(L, t, i);
  if (v === undefined) {
    stack[base] = undefined;
    return 1;
  }
  stack[base] = i;
  stack[base + 1] = v;
  return 2;
};

const ipairsFunction = new NativeFunction('ipairs_aux', ipairsAux);
ipairsFunction.iterator = ITER_IPAIRS; // generic for loops run it inline (vm/interpreter.ts TFORCALL)

const luaB_ipairs: NativeFn = (L, base, nargs) => {
  checkAny(L, base, nargs, 1);
  const stack = L.stack;
  stack[base + 1] = stack[base];
  stack[base] = ipairsFunction;
  stack[base + 2] = 0;
  return 3;
};

const luaB_select: NativeFn = (L, base, nargs) => {
  const stack = L.stack;
  const a = nargs >= 1 ? stack[base] : undefined;
  if (typeof a === 'string' && a.charCodeAt(0) === 35 /* # */) {
    stack[base] = nargs - 1;
    return 1;
  }
  let i: number;
  if (typeof a === 'number' && Number.isInteger(a)) i = a;
  else {
    const b = checkInteger(L, base, nargs, 1);
    i = typeof b === 'number' ? b : b < 0n ? -Infinity : Infinity;
  }
  if (i < 0) i = nargs + i;
  else if (i > nargs) i = nargs;
  if (!(i >= 1)) argError(L, 1, 'index out of range');
  const n = nargs - i;
  for (let j = 0; j < n; j++) stack[base + j] = stack[base + i + j];
  return n;
};

const luaB_rawequal: NativeFn = (L, base, nargs) => {
  checkAny(L, base, nargs, 1);
  checkAny(L, base, nargs, 2);
  L.stack[base] = rawEquals(L.stack[base], L.stack[base + 1]);
  return 1;
};

const luaB_rawlen: NativeFn = (L, base, nargs) => {
  const v = nargs >= 1 ? L.stack[base] : undefined;
  if (v instanceof LuaTable) L.stack[base] = v.length();
  else if (typeof v === 'string') L.stack[base] = v.length;
  else typeError(L, base, nargs, 1, 'table or string');
  return 1;
};

const luaB_rawget: NativeFn = (L, base, nargs) => {
  const t = checkTable(L, base, nargs, 1);
  checkAny(L, base, nargs, 2);
  L.stack[base] = t.get(L.stack[base + 1]);
  return 1;
};

const luaB_rawset: NativeFn = (L, base, nargs) => {
  const t = checkTable(L, base, nargs, 1);
  checkAny(L, base, nargs, 2);
  checkAny(L, base, nargs, 3);
  rawSetChecked(t, L.stack[base + 1], L.stack[base + 2]);
  return 1; // the table, still at stack[base]
};

const luaB_setmetatable: NativeFn = (L, base, nargs) => {
  const stack = L.stack;
  const t = checkTable(L, base, nargs, 1);
  const mt = nargs >= 2 ? stack[base + 1] : undefined;
  if (nargs < 2 || !(mt === undefined || mt instanceof LuaTable)) typeError(L, base, nargs, 2, 'nil or table');
  if (t.metatable !== undefined && t.metatable.getStr('__metatable') !== undefined) {
    luaError(L, 'cannot change a protected metatable');
  }
  t.metatable = mt as LuaTable | undefined;
  return 1;
};

const luaB_getmetatable: NativeFn = (L, base, nargs) => {
  const v = checkAny(L, base, nargs, 1);
  const mt = getMetatable(L.state, v);
  if (mt === undefined) L.stack[base] = undefined;
  else {
    const protectedMt = mt.getStr('__metatable');
    L.stack[base] = protectedMt !== undefined ? protectedMt : mt;
  }
  return 1;
};

const luaB_assert: NativeFn = (L, base, nargs) => {
  const stack = L.stack;
  if (nargs >= 1 && !isFalsy(stack[base])) return nargs;
  checkAny(L, base, nargs, 1);
  let msg = nargs >= 2 ? stack[base + 1] : 'assertion failed!';
  if (typeof msg === 'string') msg = L.where(1) + msg;
  throw new LuaException(msg);
};

const luaB_collectgarbage: NativeFn = (L, base, nargs) => {
  const o = checkOption(L, base, nargs, 1, 'collect', GC_OPTIONS);
  const g = gcOf(L.state);
  const stack = L.stack;
  switch (o) {
    case 'count': {
      stack[base] = mkfloat(getHeapStatistics().used_heap_size / 1024);
      return 1;
    }
    case 'step':
      optCInt(L, base, nargs, 2);
      stack[base] = g.mode === 'incremental';
      return 1;
    case 'setpause': case 'setstepmul': {
      const p = optCInt(L, base, nargs, 2);
      const key = o === 'setpause' ? 'pause' : 'stepmul';
      stack[base] = g[key] * 4;
      g[key] = setgcparam(p);
      return 1;
    }
    case 'isrunning':
      stack[base] = g.running;
      return 1;
    case 'generational': {
      optCInt(L, base, nargs, 2);
      optCInt(L, base, nargs, 3);
      stack[base] = setGCMode(L.state, 'generational');
      return 1;
    }
    case 'incremental': {
      const pause = optCInt(L, base, nargs, 2);
      const stepmul = optCInt(L, base, nargs, 3);
      optCInt(L, base, nargs, 4);
      if (pause !== 0) g.pause = setgcparam(pause);
      if (stepmul !== 0) g.stepmul = setgcparam(stepmul);
      stack[base] = setGCMode(L.state, 'incremental');
      return 1;
    }
    case 'collect': {
      // a real collection only when Node.js runs with --expose-gc
      const gc = (globalThis as { gc?: () => void }).gc;
      if (typeof gc === 'function') gc();
      break;
    }
    case 'stop':
      g.running = false;
      break;
    case 'restart':
      g.running = true;
      break;
  }
  stack[base] = 0; // collect, stop, restart
  return 1;
};

function loadResult(L: LuaThread, base: number, r: LoadResult): number {
  const stack = L.stack;
  if (r.ok) {
    stack[base] = r.fn;
    return 1;
  }
  stack[base] = undefined;
  stack[base + 1] = r.error;
  return 2;
}

/**
 * One call of a load reader function (generic_reader), run under L.pcall so that errors are
 * caught (and see the active message handler, as in the reference, where the whole parse is a
 * protected call): stack = [reader, where-prefix].
 */
const readerStep = new NativeFunction('?', (L, base) => {
  const stack = L.stack;
  const prefix = stack[base + 1] as string;
  const v = L.call(stack[base], [])[0];
  if (v !== undefined && typeof v !== 'string' && !isNumber(v)) {
    throw new LuaException(prefix + 'reader function must return a string');
  }
  stack[base] = v;
  return 1;
});

/**
 * The chunk text from a reader function: pieces until nil or an empty string. The mode is
 * checked on the first piece, as the reference does before reading on (a reader that never
 * ends, such as function() return 1 end, then fails at once with a mode that refuses text).
 */
function readPieces(L: LuaThread, reader: LuaValue, mode: string): { text: string } | { error: LuaValue } {
  const parts: string[] = [];
  const where = L.where(1);
  for (;;) {
    const r = L.pcall(readerStep, [reader, where]);
    if (r.fatal === true) {
      // a host limit in the reader ends the script (load returned it as its error message)
      const ex = new LuaException(r.values[0]);
      ex.fatal = true;
      throw ex;
    }
    if (!r.ok) return { error: r.values[0] };
    const v = r.values[0];
    if (v === undefined) break;
    const s = typeof v === 'string' ? v : numberToString(v);
    if (s.length === 0) break;
    if (parts.length === 0) {
      const what = s.charAt(0) === LUA_SIGNATURE0 ? 'binary' : 'text';
      const cmode = mode.indexOf('\0') < 0 ? mode : mode.slice(0, mode.indexOf('\0')); // a C string
      if (cmode.indexOf(what.charAt(0)) < 0) return { error: `attempt to load a ${what} chunk (mode is '${cmode}')` };
    }
    parts.push(s);
  }
  return { text: parts.join('') };
}

const luaB_load: NativeFn = (L, base, nargs) => {
  const stack = L.stack;
  const chunk = nargs >= 1 ? stack[base] : undefined;
  const mode = optString(L, base, nargs, 3, 'bt');
  const env = nargs >= 4 ? { env: stack[base + 3] } : undefined;
  let text: string;
  let chunkname: string;
  if (typeof chunk === 'string' || isNumber(chunk)) {
    text = typeof chunk === 'string' ? chunk : numberToString(chunk);
    chunkname = optString(L, base, nargs, 2, text);
  } else {
    chunkname = optString(L, base, nargs, 2, '=(load)');
    checkType(L, base, nargs, 1, 'function');
    const r = readPieces(L, chunk, mode);
    if ('error' in r) return loadResult(L, base, { ok: false, error: r.error });
    text = r.text;
  }
  return loadResult(L, base, loadChunk(L.state, text, chunkname, mode, env));
};

const luaB_loadfile: NativeFn = (L, base, nargs) => {
  const fname = nargs >= 1 && L.stack[base] !== undefined ? checkString(L, base, nargs, 1) : undefined;
  const mode = nargs >= 2 && L.stack[base + 1] !== undefined ? checkString(L, base, nargs, 2) : undefined;
  const env = nargs >= 3 ? { env: L.stack[base + 2] } : undefined;
  return loadResult(L, base, loadFile(L.state, fname, mode, env));
};

const dofileCont: NativeK = (L, base, first, nres) => {
  const stack = L.stack;
  if (first !== base) for (let j = 0; j < nres; j++) stack[base + j] = stack[first + j];
  return nres;
};

const luaB_dofile: NativeFn = (L, base, nargs) => {
  const fname = nargs >= 1 && L.stack[base] !== undefined ? checkString(L, base, nargs, 1) : undefined;
  const r = loadFile(L.state, fname);
  if (!r.ok) throw new LuaException(r.error);
  L.stack[base] = r.fn;
  return L.callk(base, 0, dofileCont);
};

const luaB_warn: NativeFn = (L, base, nargs) => {
  checkString(L, base, nargs, 1);
  for (let i = 2; i <= nargs; i++) checkString(L, base, nargs, i);
  const stack = L.stack;
  const S = L.state;
  const piece = (i: number): string => {
    const v = stack[base + i];
    return typeof v === 'string' ? v : numberToString(v);
  };
  for (let i = 0; i < nargs - 1; i++) luaWarning(S, piece(i), true);
  luaWarning(S, piece(nargs - 1), false);
  return 0;
};

/** name -> native, in the order of the reference's base_funcs. */
const baseFunctions: Record<string, NativeFn> = {
  assert: luaB_assert,
  collectgarbage: luaB_collectgarbage,
  dofile: luaB_dofile,
  error: protectedFunctions.error,
  getmetatable: luaB_getmetatable,
  ipairs: luaB_ipairs,
  loadfile: luaB_loadfile,
  load: luaB_load,
  next: luaB_next,
  pairs: luaB_pairs,
  pcall: protectedFunctions.pcall,
  print: luaB_print,
  warn: luaB_warn,
  rawequal: luaB_rawequal,
  rawlen: luaB_rawlen,
  rawget: luaB_rawget,
  rawset: luaB_rawset,
  select: luaB_select,
  setmetatable: luaB_setmetatable,
  tonumber: luaB_tonumber,
  tostring: luaB_tostring,
  type: luaB_type,
  xpcall: protectedFunctions.xpcall,
};

/** Open the basic library into S.globals (luaopen_base + luaL_requiref's package.loaded._G). */
export function openBase(S: LuaState): void {
  const G = S.globals;
  for (const name of Object.keys(baseFunctions)) {
    G.setStr(name, name === 'next' ? nextFunction : new NativeFunction(name, baseFunctions[name]));
  }
  // CALL runs these inline for ordinary arguments (vm/builtins.ts); their identity is the guard
  (G.getStr('type') as NativeFunction).builtin = BUILTIN_TYPE;
  (G.getStr('select') as NativeFunction).builtin = BUILTIN_SELECT;
  (G.getStr('tostring') as NativeFunction).builtin = BUILTIN_TOSTRING;
  (G.getStr('tonumber') as NativeFunction).builtin = BUILTIN_TONUMBER;
  G.setStr('_G', G);
  G.setStr('_VERSION', 'Lua 5.4');
  S.loaded.setStr('_G', G);
}
