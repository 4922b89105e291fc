// The embedding API: the Lua class (a sandboxed state with limits), values across the
// boundary, and the driver that runs Lua asynchronously on the VM's coroutines.
//
// How it runs code:
//   - runSync / callSync: a protected call on the running thread (L.pcall) with a traceback
//     message handler. Nothing can wait for a promise there (the call is not yieldable).
//   - run / call (async): the function runs in a new VM coroutine. A JS function that returns a
//     promise makes its Lua caller yield an AwaitRequest (through the yieldable callk of the JS
//     function's native frame); coroutine.resume/wrap pass such requests on to their own
//     resumer (stdlib/coroutine.ts, HostRequest), so the request reaches this driver, which
//     awaits the promise and resumes the coroutine with the outcome. Time slices and pauses use
//     the same path: the safe-point hook suspends the coroutine (vm/calls.ts SAFEPOINT_SUSPEND),
//     the driver returns to the event loop and resumes it later.
//   - Limits: an instruction budget and a deadline per top-level entry (a run, a call, or a
//     table access that may run metamethods), the memory meter of the state (runtime/memory.ts,
//     recomputed by api/memory.ts), a call-depth limit (S.maxCallDepth), interrupts.

import { readFileSync } from 'node:fs';
import { LuaException, memoryError } from '../runtime/error.js';
import { LuaTable as RawTable } from '../runtime/table.js';
import {
  LuaFloat, LuaFunction as RawFunction, LuaUserdata as RawUserdata, mkint, type LuaValue,
} from '../runtime/value.js';
import { setActiveMeter, type MemoryMeter } from '../runtime/memory.js';
import { LUA_MINSTACK, LuaState, LuaThread } from '../vm/state.js';
import { NativeFunction, type NativeFn, type NativeK } from '../vm/function.js';
import { HostRequest, closeThread, newCoroutine, resume, resumeError } from '../vm/coroutine.js';
import { SAFEPOINT_SUSPEND } from '../vm/calls.js';
import { index as luaIndex, setIndex as luaSetIndex, len as luaLen, tostring as luaToString, typeName } from '../vm/ops.js';
import { libraryAvailable, openLibs, type LibraryName } from '../stdlib/index.js';
import { loadChunk, skipFileHeader } from '../stdlib/base.js';
import { checkString, luaError } from '../stdlib/aux.js';
import { LuaError, type LimitKind } from './errors.js';
import { liveSize } from './memory.js';
import { bytesToLua, decodeUtf8, encodeUtf8, isThenable, luaToBytes, nextTurn } from './convert.js';

// ---- public types ------------------------------------------------------------------------------

/** Libraries a sandboxed state does not have unless asked for, one by one. */
export type OptionalLibrary = 'io' | 'os' | 'package' | 'debug';

/**
 * A value coming out of Lua: nil is undefined; integers are numbers (bigint beyond 2^53);
 * floats are numbers; strings are JS strings (UTF-8 decoded) or Uint8Array (raw bytes, see
 * `rawStrings`/`getBytes`); tables, Lua functions, coroutines and foreign userdata are live
 * references; JS objects and functions given to Lua come back as themselves.
 */
export type LuaJSValue =
  | undefined
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | LuaTable
  | LuaFunction
  | LuaCoroutine
  | LuaUserdata
  | object;

/** A JS function callable from Lua: receives converted arguments; may return a promise. */
export type HostFunction = (...args: LuaJSValue[]) => unknown;

/** What a module resolver returns: the module's source (and a chunk name for messages). */
export type ModuleSource = string | Uint8Array | { source: string | Uint8Array; chunkName?: string };

/** Host `require` resolver: the source of module `name`, or undefined if it has none. */
export type ModuleResolver = (name: string) => ModuleSource | undefined | PromiseLike<ModuleSource | undefined>;

/** A virtual file system for runFile, require, and (when enabled) dofile/loadfile. */
export interface VirtualFileSystem {
  /** Contents of the file at `path`, or undefined if there is none. */
  readFile(path: string): string | Uint8Array | undefined;
}

export interface LuaLimits {
  /**
   * Instruction budget of each top-level run or call, in VM safe-point ticks (every loop
   * iteration and every call is one tick; long native operations tick proportionally).
   * Exceeding it raises "instruction limit exceeded".
   */
  instructions?: number;
  /** Memory limit in bytes (estimated, see README "Memory limit"): raises "not enough memory". */
  memory?: number;
  /** Most nested calls per coroutine: raises "stack overflow". */
  callDepth?: number;
  /** Wall-clock deadline of each top-level run or call, in ms (awaits included): "time limit exceeded". */
  timeout?: number;
  /**
   * Can Lua's pcall catch "instruction limit exceeded", "time limit exceeded" and interrupts?
   * Default false: they end the script whatever it does. (Memory and depth errors are ordinary
   * Lua errors, as in the reference interpreter.)
   */
  catchable?: boolean;
  /** Polled every `checkInterval` ticks while Lua runs: return true (or a reason) to stop it. */
  interrupt?: () => boolean | string | undefined;
  /** Ticks between two polls of `interrupt` and checks of `timeout` (default 1000). */
  checkInterval?: number;
}

export interface LuaOptions {
  /** Opt-in libraries ('io', 'os', 'package', 'debug'); a library not in this build is an error. */
  libraries?: readonly OptionalLibrary[];
  /** Provide dofile and loadfile (reading `fs` when given, else the host's files). Default false. */
  fileLoaders?: boolean;
  /** Allow load() to take precompiled (binary) chunks. Default false. */
  binaryChunks?: boolean;
  /** Files for runFile, require and the file loaders (a record path -> contents, or an object). */
  fs?: VirtualFileSystem | Record<string, string | Uint8Array>;
  /** Host resolver for `require` (tried after modules set with setModule, before `fs`). */
  require?: ModuleResolver;
  limits?: LuaLimits;
  /** Where print writes (default: process.stdout). */
  stdout?: (text: string) => void;
  /** Where warnings and error output go (default: process.stderr). */
  stderr?: (text: string) => void;
  /** Lua strings reach JS as Uint8Array instead of UTF-8-decoded strings. Default false. */
  rawStrings?: boolean;
}

export interface RunOptions {
  /** Chunk name for messages ("main.lua" shows as "main.lua:3:"). Default: the source text, as load does. */
  chunkName?: string;
  /** Arguments of the chunk (its `...`). */
  args?: readonly unknown[];
}

export interface AsyncRunOptions extends RunOptions {
  /** Run in slices: return to the event loop after this many ticks and/or milliseconds. */
  slice?: { instructions?: number; ms?: number };
}

export type TaskStatus = 'running' | 'waiting' | 'paused' | 'done';

/** Several results from a JS function called by Lua (return luaMulti(a, b)). */
export class LuaMultiReturn {
  readonly values: readonly unknown[];
  constructor(values: readonly unknown[]) {
    this.values = values;
  }
}

/** Return several values to Lua from a JS function. */
export function luaMulti(...values: unknown[]): LuaMultiReturn {
  return new LuaMultiReturn(values);
}

/** A float for Lua even when integral (JS numbers with integral values become Lua integers). */
export class LuaFloatValue {
  constructor(readonly value: number) {}
}

// ---- internal machinery ---------------------------------------------------------------------------

/** The userdata that wraps a host object. */
class HostUserdata extends RawUserdata {}

/** The native that wraps a host function. */
class HostNative extends NativeFunction {
  constructor(name: string, fn: NativeFn, readonly jsFunction: HostFunction) {
    super(name, fn);
  }
}

/** A promise the running Lua code waits for (yielded to the driver). */
class AwaitRequest extends HostRequest {
  constructor(readonly promise: PromiseLike<unknown>, readonly convert: (v: unknown) => LuaValue[]) {
    super(() => [false, 'attempt to await a JS promise across a non-yieldable call', false, true]);
  }
}

/** The time-slice / pause marker (resumed with no values: execution continues). */
const SLICE_REQUEST = new HostRequest(() => []);

/** Yields its arguments to the resumer (the await path). */
const awaitYield = new NativeFunction('await', (L, base, nargs) => L.yield(base, nargs));

/**
 * Continuation of a JS function's frame after its promise settled: the driver resumed with
 * [true, ...results] or [false, error, fatal, addPosition].
 */
const awaitK: NativeK = (L, base, first, nres) => {
  const stack = L.stack;
  if (stack[first] === true) {
    for (let j = 1; j < nres; j++) stack[base + j - 1] = stack[first + j];
    return nres - 1;
  }
  let err = stack[first + 1];
  if (stack[first + 3] === true && typeof err === 'string') err = L.where(1) + err;
  const ex = new LuaException(err);
  ex.fatal = stack[first + 2] === true;
  throw ex;
};

/** Per top-level entry: its limits. */
interface Run {
  remaining: number;
  deadline: number;
  task: Task | undefined;
}

/** The state of one async run (behind a LuaTask). */
class Task {
  co: LuaThread;
  settled = false;
  pauseRequested = false;
  paused = false;
  /** Set while the coroutine waits for a promise: settles the wait early (interrupts). */
  wake: ((args: LuaValue[]) => void) | undefined = undefined;
  interruptReason: string | undefined = undefined;
  /** The limit that woke the coroutine with an error (deadline or interrupt during a wait). */
  pendingLimit: LimitKind | undefined = undefined;
  sliceStart = 0;
  sliceTicks = 0;
  readonly run: Run;
  constructor(
    co: LuaThread,
    run: Run,
    readonly slice: { instructions?: number; ms?: number } | undefined,
    readonly resolve: (v: LuaJSValue[]) => void,
    readonly reject: (e: unknown) => void,
  ) {
    this.co = co;
    this.run = run;
  }
  get status(): TaskStatus {
    if (this.settled) return 'done';
    if (this.paused) return 'paused';
    if (this.wake !== undefined) return 'waiting';
    return 'running';
  }
}

/** Keys never read or written on host objects (they lead to constructors: Function, eval). */
const BLOCKED_KEYS = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__',
  '__lookupSetter__',
]);

// ---- the task handle ------------------------------------------------------------------------------

/**
 * A Lua run in progress: await it (it is a promise of the results) and control it: pause,
 * resume, interrupt.
 */
/** How a LuaTask controls its run (internal; made by the Lua class). */
export interface TaskControl {
  pause(): void;
  resume(): void;
  interrupt(reason?: string): void;
  status(): TaskStatus;
}

/**
 * A Lua run in progress: await it (it is a promise of the results) and control it: pause,
 * resume, interrupt.
 */
export class LuaTask<T = LuaJSValue[]> implements PromiseLike<T> {
  readonly #promise: Promise<T>;
  readonly #control: TaskControl;

  /** @internal (made by Lua.run / Lua.call / LuaFunction.call) */
  constructor(promise: Promise<T>, control: TaskControl) {
    this.#promise = promise;
    this.#control = control;
  }

  then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#promise.then(onfulfilled, onrejected);
  }

  catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#promise.catch(onrejected);
  }

  finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#promise.finally(onfinally);
  }

  /** Stop at the next safe point and stay suspended (the event loop runs) until resume(). */
  pause(): void {
    this.#control.pause();
  }

  /** Continue a paused run. */
  resume(): void {
    this.#control.resume();
  }

  /** End the run with a LuaError (limit 'interrupt'), wherever it is. */
  interrupt(reason?: string): void {
    this.#control.interrupt(reason);
  }

  /** 'running' (or scheduled), 'waiting' (for a promise), 'paused', or 'done'. */
  get status(): TaskStatus {
    return this.#control.status();
  }
}

// ---- references to Lua values ----------------------------------------------------------------------

/** A live reference to a Lua table: reads and writes go to the table (metamethods apply). */
export class LuaTable {
  /** @internal */
  constructor(readonly lua: Lua, readonly raw: RawTable) {}

  /** t[key] (with __index). */
  get(key: unknown): LuaJSValue {
    return this.lua.protectedValue((L) => luaIndex(L, this.raw, this.lua.toLua(key)));
  }

  /** t[key] as raw bytes (undefined if it is not a string). */
  getBytes(key: unknown): Uint8Array | undefined {
    const v = this.lua.protectedRaw((L) => luaIndex(L, this.raw, this.lua.toLua(key)));
    return typeof v === 'string' ? luaToBytes(v) : undefined;
  }

  /** t[key] = value (with __newindex). */
  set(key: unknown, value: unknown): void {
    this.lua.protectedRaw((L) => {
      luaSetIndex(L, this.raw, this.lua.toLua(key), this.lua.toLua(value));
      return undefined;
    });
  }

  /** rawget(t, key). */
  rawGet(key: unknown): LuaJSValue {
    return this.lua.fromLua(this.raw.get(this.lua.toLua(key)));
  }

  /** rawset(t, key, value). */
  rawSet(key: unknown, value: unknown): void {
    const k = this.lua.toLua(key);
    if (k === undefined || (typeof k === 'number' && Number.isNaN(k))) throw new TypeError('invalid Lua table key');
    this.raw.set(k, this.lua.toLua(value));
  }

  /** #t (with __len). */
  length(): number {
    const n = this.lua.protectedRaw((L) => luaLen(L, this.raw));
    return typeof n === 'number' ? n : Number(n);
  }

  /** The [key, value] pairs (raw traversal, as next() does). */
  entries(): Array<[LuaJSValue, LuaJSValue]> {
    const out: Array<[LuaJSValue, LuaJSValue]> = [];
    const kv: LuaValue[] = [undefined, undefined];
    let k: LuaValue = undefined;
    while (this.raw.next(k, kv) === true) {
      k = kv[0];
      out.push([this.lua.fromLua(kv[0]), this.lua.fromLua(kv[1])]);
    }
    return out;
  }

  keys(): LuaJSValue[] {
    return this.entries().map((e) => e[0]);
  }

  [Symbol.iterator](): IterableIterator<[LuaJSValue, LuaJSValue]> {
    return this.entries()[Symbol.iterator]();
  }

  getMetatable(): LuaTable | undefined {
    const mt = this.raw.metatable;
    return mt === undefined ? undefined : this.lua.tableRef(mt);
  }

  /** setmetatable(t, mt): a LuaTable, a plain object (converted to a table), or undefined. */
  setMetatable(mt: LuaTable | Record<string, unknown> | undefined): void {
    const v = mt === undefined ? undefined : mt instanceof LuaTable ? mt.raw : this.lua.createTable(mt).raw;
    this.raw.metatable = v;
  }

  /**
   * Deep conversion to plain JS: a table whose keys are exactly 1..n becomes an array, others
   * an object with string keys (number and boolean keys stringified; other keys skipped).
   * Nested tables convert recursively (shared and cyclic ones stay shared); metatables are
   * ignored; functions and other references stay references.
   */
  toJS(): unknown[] | Record<string, unknown> {
    return this.lua.deepToJS(this.raw, new Map());
  }

  /** How Node's console shows it: the raw entries, not the machinery. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    const parts = this.entries().slice(0, 20).map(([k, v]) => `${String(k)} = ${v instanceof LuaTable ? '{...}' : String(v)}`);
    return `LuaTable { ${parts.join(', ')}${this.raw.length() + this.raw.hkeys.length > 20 ? ', ...' : ''} }`;
  }

  /** Lua's tostring(t). */
  toString(): string {
    return decodeUtf8(this.lua.protectedRaw((L) => luaToString(L, this.raw)) as string);
  }
}

/** A live reference to a Lua function. */
export class LuaFunction {
  /** @internal */
  constructor(readonly lua: Lua, readonly raw: RawFunction) {}

  /** Call it asynchronously: the Lua code may await promises. Resolves to all its results. */
  call(...args: unknown[]): LuaTask {
    return this.lua.callAsync(this, args);
  }

  /** Call it synchronously; returns all its results. */
  callSync(...args: unknown[]): LuaJSValue[] {
    return this.lua.callSync(this, args);
  }
}

/** A Lua coroutine (thread) seen from JS. */
export class LuaCoroutine {
  /** @internal */
  constructor(readonly lua: Lua, readonly raw: LuaThread) {}
  get status(): 'running' | 'suspended' | 'normal' | 'dead' {
    return this.raw.status;
  }
}

/** A userdata that does not wrap a JS object (made by a library). */
export class LuaUserdata {
  /** @internal */
  constructor(readonly lua: Lua, readonly raw: RawUserdata) {}
}

// ---- the state --------------------------------------------------------------------------------------

const DEFAULT_LIBS: LibraryName[] = ['_G', 'coroutine', 'table', 'string', 'math', 'utf8'];

/** A Lua state: a sandbox with the safe libraries, limits, and JS interop. */
export class Lua {
  #S: LuaState | undefined;
  readonly #options: LuaOptions;
  readonly #limits: LuaLimits;
  readonly #fs: VirtualFileSystem | undefined;
  readonly #tables = new WeakMap<RawTable, LuaTable>();
  readonly #functions = new WeakMap<RawFunction, LuaFunction>();
  readonly #hostFunctions = new WeakMap<HostFunction, HostNative>();
  readonly #hostObjects = new WeakMap<object, HostUserdata>();
  readonly #hostMeta: RawTable;
  readonly #tasks = new Set<Task>();
  /** Entries in progress (top-level first). */
  readonly #runs: Run[] = [];
  #prevMeters: MemoryMeter[] = [];
  #traceback = '';
  /** Set when a host limit (deadline, interrupt) raised the current error. */
  #limitHit: LimitKind | undefined = undefined;
  #lastHostError: { value: LuaValue; error: unknown } | undefined = undefined;
  /** A memory error happened in the current top-level entry (see #setupLimits). */
  #memoryGrace = false;
  /** The live size found at that memory error: the grace headroom counts from it. */
  #memoryGraceBase = 0;
  /** Count of top-level entries (an interrupt request belongs to one). */
  #entries = 0;

  constructor(options: LuaOptions = {}) {
    this.#options = options;
    this.#limits = options.limits ?? {};
    const fsOpt = options.fs;
    this.#fs = fsOpt === undefined ? undefined
      : typeof (fsOpt as VirtualFileSystem).readFile === 'function' ? fsOpt as VirtualFileSystem
        : recordFs(fsOpt as Record<string, string | Uint8Array>);
    const S = new LuaState();
    this.#S = S;
    const prev = setActiveMeter(undefined);
    try {
      this.#hostMeta = new RawTable();
      const hasProcess = typeof process !== 'undefined' && process.stdout !== undefined;
      const out = options.stdout ?? (hasProcess ? (t: string) => process.stdout.write(t) : (t: string) => console.log(t));
      const err = options.stderr ?? (hasProcess ? (t: string) => process.stderr.write(t) : (t: string) => console.error(t));
      S.stdout = (bytes) => out(decodeUtf8(bytes));
      S.stderr = (bytes) => err(decodeUtf8(bytes));
      const libs = DEFAULT_LIBS.slice();
      for (const name of options.libraries ?? []) {
        if (!libraryAvailable(name)) throw new Error(`Lua library '${name}' is not available in this build of Moonlet`);
        libs.push(name);
      }
      openLibs(S, libs);
      this.#setupSandbox(S, libs);
      this.#setupHostMeta();
      this.#setupLimits(S);
    } finally {
      setActiveMeter(prev);
    }
  }

  // ---- running code ------------------------------------------------------------------------------

  /** Compile a chunk (string: UTF-8 source; Uint8Array: bytes) to a function without running it. */
  load(code: string | Uint8Array, chunkName?: string): LuaFunction {
    const S = this.#state();
    const text = typeof code === 'string' ? encodeUtf8(code) : bytesToLua(code);
    const name = chunkName === undefined ? text : /^[=@]/.test(chunkName) ? encodeUtf8(chunkName) : '=' + encodeUtf8(chunkName);
    const prev = setActiveMeter(S.meter);
    let r;
    try {
      r = loadChunk(S, text, name, this.#options.binaryChunks === true ? undefined : 't');
    } finally {
      setActiveMeter(prev);
    }
    if (!r.ok) {
      const msg = typeof r.error === 'string' ? decodeUtf8(r.error) : String(r.error);
      throw new LuaError(msg, this.fromLua(r.error), '', msg.endsWith('not enough memory') ? 'memory' : undefined);
    }
    return this.#functionRef(r.fn);
  }

  /** Run a chunk synchronously; returns all its results. Throws LuaError. */
  runSync(code: string | Uint8Array, options: RunOptions = {}): LuaJSValue[] {
    const f = this.load(code, options.chunkName);
    return this.callSync(f, options.args ?? []);
  }

  /** Run a chunk asynchronously: it may await promises returned by JS functions; can run in slices. */
  run(code: string | Uint8Array, options: AsyncRunOptions = {}): LuaTask {
    let f: LuaFunction;
    try {
      f = this.load(code, options.chunkName);
    } catch (e) {
      return rejectedTask(e);
    }
    return this.callAsync(f, options.args ?? [], options.slice);
  }

  /** runSync of a file (from `fs` when given, else the host's file system). */
  runFileSync(path: string, options: RunOptions = {}): LuaJSValue[] {
    const f = this.#loadFile(path);
    return this.callSync(f, options.args ?? []);
  }

  /** run of a file (from `fs` when given, else the host's file system). */
  runFile(path: string, options: AsyncRunOptions = {}): LuaTask {
    let f: LuaFunction;
    try {
      f = this.#loadFile(path);
    } catch (e) {
      return rejectedTask(e);
    }
    return this.callAsync(f, options.args ?? [], options.slice);
  }

  /** Call a Lua function (or a global by name) synchronously. */
  callSync(fn: LuaFunction | string, args: readonly unknown[] = []): LuaJSValue[] {
    const f = this.#callee(fn);
    const luaArgs = args.map((a) => this.toLua(a));
    const run = this.#newRun(undefined);
    this.#enter(run);
    let r: { ok: boolean; values: LuaValue[] };
    let limit: LimitKind | undefined;
    try {
      this.#traceback = '';
      r = this.#state().current.pcall(f, luaArgs, this.#tracebackHandler);
      if (!r.ok) limit = this.#classify(r.values[0]);
    } finally {
      this.#leave(run);
    }
    if (!r.ok) throw this.#luaError(r.values[0], this.#traceback, limit);
    return r.values.map((v) => this.fromLua(v));
  }

  /** Call a Lua function (or a global by name) asynchronously (see run). */
  call(fn: LuaFunction | string, ...args: unknown[]): LuaTask {
    return this.callAsync(typeof fn === 'string' ? this.#functionByName(fn) : fn, args);
  }

  /** @internal */
  callAsync(fn: LuaFunction | string, args: readonly unknown[], slice?: { instructions?: number; ms?: number }): LuaTask {
    let f: LuaValue;
    let luaArgs: LuaValue[];
    try {
      f = this.#callee(fn);
      luaArgs = args.map((a) => this.toLua(a));
    } catch (e) {
      return rejectedTask(e);
    }
    const S = this.#state();
    let resolve!: (v: LuaJSValue[]) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<LuaJSValue[]>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const prev = setActiveMeter(S.meter);
    let co: LuaThread;
    try {
      co = newCoroutine(S.mainThread, f);
    } catch (e) {
      setActiveMeter(prev);
      return rejectedTask(this.#toJsError(e));
    }
    setActiveMeter(prev);
    const task = new Task(co, this.#newRun(undefined), slice, resolve, reject);
    task.run.task = task;
    this.#tasks.add(task);
    const control = {
      pause: (): void => {
        if (!task.settled) task.pauseRequested = true;
      },
      resume: (): void => {
        task.pauseRequested = false;
        if (task.paused) {
          task.paused = false;
          nextTurn(() => this.#step(task, []));
        }
      },
      interrupt: (reason?: string): void => this.#interruptTask(task, reason ?? 'interrupted'),
      status: (): TaskStatus => task.status,
    };
    this.#step(task, luaArgs);
    return new LuaTask(promise, control);
  }

  // ---- globals and modules -------------------------------------------------------------------

  /** The global `name`. */
  get(name: string): LuaJSValue {
    return this.fromLua(this.#state().globals.get(encodeUtf8(name)));
  }

  /** The global `name` as raw bytes (undefined unless it is a string or number). */
  getBytes(name: string): Uint8Array | undefined {
    const v = this.#state().globals.get(encodeUtf8(name));
    return typeof v === 'string' ? luaToBytes(v) : undefined;
  }

  /** Set the global `name` (functions become Lua-callable; objects are exposed as userdata). */
  set(name: string, value: unknown): void {
    this.#state().globals.set(encodeUtf8(name), this.toLua(value));
  }

  /** The globals table. */
  get globals(): LuaTable {
    return this.tableRef(this.#state().globals);
  }

  /**
   * Make `require(name)` return `value` (package.loaded[name]). A plain object or array is
   * converted to a table (deeply); functions and other values as by `set`.
   */
  setModule(name: string, value: unknown): void {
    const v = isPlainData(value) ? this.createTable(value).raw : this.toLua(value);
    this.#state().loaded.set(encodeUtf8(name), v);
  }

  /** require(name) from JS (synchronously). */
  require(name: string): LuaJSValue {
    return this.callSync('require', [name])[0];
  }

  /**
   * A new Lua table: from a plain object (string keys), an array (keys 1..n) or a Map,
   * converted deeply (nested plain objects and arrays become tables too).
   */
  createTable(init?: Record<string, unknown> | readonly unknown[] | Map<unknown, unknown>): LuaTable {
    const S = this.#state();
    const prev = setActiveMeter(S.meter);
    try {
      return this.tableRef(this.#deepToLua(init ?? {}, new Map()) as RawTable);
    } finally {
      setActiveMeter(prev);
    }
  }

  // ---- limits and lifetime --------------------------------------------------------------------

  /**
   * Stop the running Lua code at its next safe point and end every pending async run, each
   * with a LuaError whose limit is 'interrupt'.
   */
  interrupt(reason = 'interrupted'): void {
    const S = this.#S;
    if (S === undefined) return;
    if (this.#runs.length > 0) this.#requestInterrupt(encodeUtf8(reason));
    for (const t of this.#tasks) if (!this.#runs.includes(t.run)) this.#interruptTask(t, reason);
  }

  /** Estimated bytes in use by this state (recomputed now by a reachability walk). */
  memoryUsed(): number {
    const S = this.#state();
    S.meter.used = this.#liveSize();
    return S.meter.used;
  }

  /** Is the state closed? */
  get closed(): boolean {
    return this.#S === undefined;
  }

  /** Close the state: pending runs reject; references to its values stop working. */
  close(): void {
    if (this.#S === undefined) return;
    if (this.#runs.length > 0) throw new Error('cannot close a Lua state while its code is running');
    for (const t of this.#tasks) {
      t.settled = true;
      t.wake = undefined;
      t.reject(new Error('Lua state closed'));
    }
    this.#tasks.clear();
    this.#S = undefined;
  }

  // ---- conversion ------------------------------------------------------------------------------------

  /** @internal JS -> Lua. */
  toLua(v: unknown): LuaValue {
    switch (typeof v) {
      case 'undefined':
        return undefined;
      case 'boolean':
        return v;
      case 'number':
        if (!Number.isInteger(v)) return v;
        if (Number.isSafeInteger(v) && !Object.is(v, -0)) return v;
        return new LuaFloat(v);
      case 'bigint': {
        const w = BigInt.asIntN(64, v);
        if (w !== v) throw new RangeError(`${v} is out of the range of Lua integers`);
        return mkint(w);
      }
      case 'string':
        return encodeUtf8(v);
      case 'function':
        return this.#hostFunction(v as HostFunction);
      case 'symbol':
        throw new TypeError('a symbol cannot be passed to Lua');
      default:
        break;
    }
    if (v === null) return undefined;
    if (v instanceof LuaTable || v instanceof LuaFunction || v instanceof LuaCoroutine || v instanceof LuaUserdata) {
      if (v.lua !== this) throw new Error('a value of another Lua state cannot be passed to this one');
      return v.raw;
    }
    if (v instanceof Uint8Array) return bytesToLua(v);
    if (v instanceof LuaFloatValue) return Number.isInteger(v.value) ? new LuaFloat(v.value) : v.value;
    return this.#hostObject(v as object);
  }

  /** @internal Lua -> JS. */
  fromLua(v: LuaValue): LuaJSValue {
    switch (typeof v) {
      case 'undefined': case 'boolean': case 'number': case 'bigint':
        return v;
      case 'string':
        return this.#options.rawStrings === true ? luaToBytes(v) : decodeUtf8(v);
      default:
        break;
    }
    if (v instanceof LuaFloat) return v.n;
    if (v instanceof RawTable) return this.tableRef(v);
    if (v instanceof HostNative) return v.jsFunction;
    if (v instanceof RawFunction) return this.#functionRef(v);
    if (v instanceof HostUserdata) return v.data as object;
    if (v instanceof RawUserdata) return new LuaUserdata(this, v);
    if (v instanceof LuaThread) return new LuaCoroutine(this, v);
    throw new Error('unknown Lua value');
  }

  /** @internal */
  tableRef(t: RawTable): LuaTable {
    let r = this.#tables.get(t);
    if (r === undefined) {
      r = new LuaTable(this, t);
      this.#tables.set(t, r);
    }
    return r;
  }

  /** @internal deep conversion of a table to plain JS. */
  deepToJS(t: RawTable, memo: Map<RawTable, unknown[] | Record<string, unknown>>): unknown[] | Record<string, unknown> {
    const done = memo.get(t);
    if (done !== undefined) return done;
    const conv = (v: LuaValue): unknown => (v instanceof RawTable ? this.deepToJS(v, memo) : this.fromLua(v));
    const n = t.length();
    let count = 0;
    const kv: LuaValue[] = [undefined, undefined];
    let k: LuaValue = undefined;
    while (t.next(k, kv) === true) {
      k = kv[0];
      count++;
    }
    if (n > 0 && count === n) {
      const arr: unknown[] = [];
      memo.set(t, arr);
      for (let i = 1; i <= n; i++) arr.push(conv(t.getInt(i)));
      return arr;
    }
    const obj: Record<string, unknown> = {};
    memo.set(t, obj);
    k = undefined;
    while (t.next(k, kv) === true) {
      k = kv[0];
      const key = kv[0];
      let name: string;
      if (typeof key === 'string') name = decodeUtf8(key);
      else if (typeof key === 'number' || typeof key === 'bigint' || typeof key === 'boolean') name = String(key);
      else if (key instanceof LuaFloat) name = String(key.n);
      else continue;
      obj[name] = conv(kv[1]);
    }
    return obj;
  }

  /** @internal run f(L) as a protected host entry (metamethods may run); result converted. */
  protectedValue(f: (L: LuaThread) => LuaValue): LuaJSValue {
    return this.fromLua(this.protectedRaw(f));
  }

  /** @internal run f(L) as a protected host entry; throws LuaError. */
  protectedRaw(f: (L: LuaThread) => LuaValue): LuaValue {
    const fn = new NativeFunction('?', (L, base) => {
      L.stack[base] = f(L);
      return 1;
    });
    const run = this.#newRun(undefined);
    this.#enter(run);
    let r: { ok: boolean; values: LuaValue[] };
    let limit: LimitKind | undefined;
    try {
      this.#traceback = '';
      r = this.#state().current.pcall(fn, [], this.#tracebackHandler);
      if (!r.ok) limit = this.#classify(r.values[0]);
    } finally {
      this.#leave(run);
    }
    if (!r.ok) throw this.#luaError(r.values[0], this.#traceback, limit);
    return r.values[0];
  }

  // ---- private: setup ------------------------------------------------------------------------------

  #state(): LuaState {
    const S = this.#S;
    if (S === undefined) throw new Error('Lua state is closed');
    return S;
  }

  #setupSandbox(S: LuaState, libs: readonly LibraryName[]): void {
    const G = S.globals;
    const fs = this.#fs;
    if (this.#options.fileLoaders !== true) {
      G.setStr('dofile', undefined);
      G.setStr('loadfile', undefined);
    } else if (fs !== undefined) {
      G.setStr('loadfile', new NativeFunction('loadfile', (L, base, nargs) => {
        const name = checkString(L, base, nargs, 1);
        const r = this.#loadVfs(S, name);
        if (r.ok) {
          L.stack[base] = r.fn;
          return 1;
        }
        L.stack[base] = undefined;
        L.stack[base + 1] = r.error;
        return 2;
      }));
      G.setStr('dofile', new NativeFunction('dofile', (L, base, nargs) => {
        const name = checkString(L, base, nargs, 1);
        const r = this.#loadVfs(S, name);
        if (!r.ok) throw new LuaException(r.error);
        L.stack[base] = r.fn;
        return L.callk(base, 0, (L2, b2, first, nres) => {
          for (let j = 0; j < nres; j++) L2.stack[b2 + j] = L2.stack[first + j];
          return nres;
        });
      }));
    }
    if (this.#options.binaryChunks !== true) {
      // load() takes text chunks only: remove 'b' from its mode
      const load = G.getStr('load');
      if (load instanceof NativeFunction) {
        G.setStr('load', new NativeFunction('load', (L, base, nargs) => {
          const stack = L.stack;
          const mode = nargs >= 3 && stack[base + 2] !== undefined ? checkString(L, base, nargs, 3) : 'bt';
          for (let j = nargs; j < 3; j++) stack[base + j] = undefined;
          stack[base + 2] = mode.replace(/b/g, '');
          return load.fn(L, base, Math.max(nargs, 3));
        }));
      }
    }
    // collectgarbage reports this state's accounted memory, not the process heap
    const cg = G.getStr('collectgarbage');
    if (cg instanceof NativeFunction) {
      G.setStr('collectgarbage', new NativeFunction('collectgarbage', (L, base, nargs) => {
        const opt = nargs >= 1 ? L.stack[base] : undefined;
        if (opt === undefined || opt === 'collect') {
          S.meter.used = this.#liveSize();
          L.stack[base] = 0;
          return 1;
        }
        if (opt === 'count') {
          L.stack[base] = S.meter.used / 1024;
          return 1;
        }
        return cg.fn(L, base, nargs);
      }));
    }
    if (!libs.includes('package')) G.setStr('require', new NativeFunction('require', this.#requireNative(S)));
  }

  #setupHostMeta(): void {
    const mt = this.#hostMeta;
    const objOf = (L: LuaThread, base: number): object => {
      const ud = L.stack[base];
      if (!(ud instanceof HostUserdata)) return luaError(L, 'JS object expected');
      return ud.data as object;
    };
    const keyOf = (L: LuaThread, k: LuaValue): string | number => {
      if (typeof k === 'string') {
        const key = decodeUtf8(k);
        if (BLOCKED_KEYS.has(key)) luaError(L, `JS property '${key}' is not accessible`);
        return key;
      }
      if (typeof k === 'number') return k;
      if (k instanceof LuaFloat) return k.n;
      return luaError(L, `invalid key to a JS object (a ${typeName(k)} value)`);
    };
    const set = (name: string, fn: NativeFn): void => mt.setStr(name, new NativeFunction(name, fn));
    set('__index', (L, base) => {
      const obj = objOf(L, base);
      const key = keyOf(L, L.stack[base + 1]);
      const ud = L.stack[base];
      // a getter or Proxy trap may throw: a Lua error, not a JS exception through pcall
      const v: unknown = this.#hostCall(L, () => Reflect.get(obj, key));
      if (typeof v === 'function') {
        // a method: callable as obj.m(x) and obj:m(x) (the object itself as first argument is dropped)
        const method = v as (...a: unknown[]) => unknown;
        L.stack[base] = new NativeFunction(String(key), (L2, b2, n2) => {
          const first = n2 > 0 && L2.stack[b2] === ud ? 1 : 0;
          return this.#callHost(L2, b2, b2 + first, n2 - first, (args) => method.apply(obj, args));
        });
        return 1;
      }
      L.stack[base] = this.#hostCall(L, () => this.toLua(v)); // (a symbol or a huge bigint cannot convert)
      return 1;
    });
    set('__newindex', (L, base) => {
      const obj = objOf(L, base);
      const key = keyOf(L, L.stack[base + 1]);
      try {
        Reflect.set(obj, key, this.fromLua(L.stack[base + 2]));
      } catch (e) {
        throw this.#hostErrorToLua(L, e);
      }
      return 0;
    });
    set('__call', (L, base, nargs) => {
      const obj = objOf(L, base);
      if (typeof obj !== 'function') return luaError(L, 'attempt to call a JS object');
      const f = obj as (...a: unknown[]) => unknown;
      return this.#callHost(L, base, base + 1, nargs - 1, (args) => f(...args));
    });
    set('__len', (L, base) => {
      const obj = objOf(L, base) as { length?: unknown; size?: unknown };
      const n = this.#hostCall(L, () => (typeof obj.length === 'number' ? obj.length : typeof obj.size === 'number' ? obj.size : 0));
      L.stack[base] = this.toLua(n);
      return 1;
    });
    set('__tostring', (L, base) => {
      const obj = objOf(L, base);
      const ctor = this.#hostCall(L, () => (Object.getPrototypeOf(obj) as { constructor?: { name?: unknown } } | null)?.constructor?.name);
      L.stack[base] = `JS ${typeof ctor === 'string' && ctor !== '' ? ctor : 'object'}`;
      return 1;
    });
    set('__pairs', (L, base) => {
      const obj = objOf(L, base);
      const keys = this.#hostCall(L, () => Object.keys(obj));
      let i = 0;
      L.stack[base] = new NativeFunction('next', (L2, b2) => {
        if (i >= keys.length) {
          L2.stack[b2] = undefined;
          return 1;
        }
        const key = keys[i++];
        L2.stack[b2] = encodeUtf8(key);
        L2.stack[b2 + 1] = this.#hostCall(L2, () => this.toLua(Reflect.get(obj, key)));
        return 2;
      });
      L.stack[base + 1] = undefined;
      L.stack[base + 2] = undefined;
      return 3;
    });
    mt.setStr('__name', 'JSObject');
    mt.setStr('__metatable', false);
  }

  #setupLimits(S: LuaState): void {
    const lim = this.#limits;
    if (lim.callDepth !== undefined) S.maxCallDepth = lim.callDepth;
    S.fatalLimits = lim.catchable !== true;
    if (lim.memory !== undefined) {
      const limit = lim.memory;
      const meter = S.meter;
      meter.limit = limit;
      meter.exceeded = (n: number) => {
        // after a failure, the rest of the run has 1/8 of the limit as headroom for handling
        // the error (message handlers, tracebacks, __close), as Lua's emergency collection
        // gives some room; a second failure within it ends the run the same way. The headroom
        // counts from the size found at the failure, which can itself exceed the limit (the
        // estimate counts a string once per reference, and the failing operands are still live)
        if (this.#memoryGrace) {
          if (meter.used <= Math.max(limit, this.#memoryGraceBase) + limit / 8) return;
          this.#memoryGrace = false;
        }
        const live = this.#liveSize();
        meter.used = live + n;
        // fail when the live size itself does not fit, or leaves so little room that walks
        // would follow each other (the effective limit is between 15/16 and 1 of `memory`)
        if (meter.used > limit || live > limit - limit / 16) {
          meter.used = live;
          this.#memoryGrace = true;
          this.#memoryGraceBase = live;
          throw memoryError();
        }
      };
    }
    S.setSafePointHook(this.#hook, lim.checkInterval ?? 1000);
  }

  // ---- private: entries, limits ---------------------------------------------------------------

  #newRun(task: Task | undefined): Run {
    const lim = this.#limits;
    return {
      remaining: lim.instructions ?? Infinity,
      deadline: lim.timeout === undefined ? Infinity : performance.now() + lim.timeout,
      task,
    };
  }

  #enter(run: Run): void {
    const S = this.#state();
    this.#prevMeters.push(setActiveMeter(S.meter));
    if (this.#runs.length === 0) {
      this.#entries++;
      S.setInstructionLimit(run.remaining);
      this.#limitHit = undefined;
      this.#memoryGrace = false;
    }
    this.#runs.push(run);
  }

  #leave(run: Run): void {
    const S = this.#S;
    this.#runs.pop();
    if (this.#runs.length === 0 && S !== undefined) {
      run.remaining = S.instructionBudget();
      S.setInstructionLimit(Infinity);
      // drop what the finished code left in the main thread's free slots (memory accounting
      // counts the whole stack array, and the JS GC could not reclaim those values either)
      const L = S.mainThread;
      const keep = L.top + 2 * LUA_MINSTACK;
      if (L.stack.length > keep + 1024) L.stack.length = keep; // after deep recursion
      if (L.cis.length > L.ciIdx + 1024) L.cis.length = L.ciIdx + 1;
      L.stack.fill(undefined, L.top);
    }
    setActiveMeter(this.#prevMeters.pop());
  }

  /** Interrupt the running code at its next safe point (if it is still the same top-level entry). */
  #requestInterrupt(msg: string): void {
    const entry = this.#entries;
    this.#state().requestInterrupt(() => {
      if (entry === this.#entries) this.#throwLimit('interrupt', msg);
    });
  }

  #throwLimit(kind: LimitKind, msg: string): never {
    this.#limitHit = kind;
    const ex = new LuaException(msg, true);
    ex.fatal = this.#limits.catchable !== true;
    throw ex;
  }

  /** The safe-point hook: interrupt polling, deadline, time slices and pauses. */
  readonly #hook = (L: LuaThread): void => {
    const runs = this.#runs;
    if (runs.length === 0) return;
    const poll = this.#limits.interrupt;
    if (poll !== undefined) {
      const r = poll();
      if (r !== undefined && r !== false) this.#throwLimit('interrupt', typeof r === 'string' ? encodeUtf8(r) : 'interrupted');
    }
    const now = performance.now();
    if (now > runs[0].deadline) this.#throwLimit('time', 'time limit exceeded');
    const task = runs[runs.length - 1].task;
    if (task === undefined) return;
    let due = task.pauseRequested;
    if (!due && task.slice !== undefined) {
      task.sliceTicks += this.#state().hookInterval;
      const { instructions, ms } = task.slice;
      due = (instructions !== undefined && task.sliceTicks >= instructions)
        || (ms !== undefined && now - task.sliceStart >= ms);
    }
    if (due && L.ci.cl !== null && L.isYieldable()) {
      SAFEPOINT_SUSPEND.marker = SLICE_REQUEST;
      throw SAFEPOINT_SUSPEND;
    }
  };

  /** Which limit an error value comes from. */
  #classify(err: LuaValue): LimitKind | undefined {
    if (this.#limitHit !== undefined) return this.#limitHit;
    if (typeof err !== 'string') return undefined;
    if (err.endsWith('instruction limit exceeded')) return 'instructions';
    if (err.endsWith('not enough memory')) return 'memory';
    if (err.endsWith('stack overflow') || err.endsWith('C stack overflow')) return 'depth';
    if (err.endsWith('time limit exceeded')) return 'time';
    return undefined;
  }

  #liveSize(): number {
    const extra: LuaValue[] = [];
    for (const t of this.#tasks) extra.push(t.co);
    return liveSize(this.#state(), extra);
  }

  readonly #tracebackHandler = new NativeFunction('?', (L, base) => {
    this.#traceback = L.traceback(undefined, 1);
    return 1;
  });

  #luaError(value: LuaValue, traceback: string, limit: LimitKind | undefined): LuaError {
    let msg: string;
    if (typeof value === 'string') msg = decodeUtf8(value);
    else if (typeof value === 'number' || typeof value === 'bigint') msg = String(value);
    else if (value instanceof LuaFloat) msg = String(value.n);
    else msg = `(error object is a ${typeName(value)} value)`;
    const host = this.#lastHostError;
    const cause = host !== undefined && host.value === value ? host.error : undefined;
    const e = new LuaError(msg, this.fromLua(value), decodeUtf8(traceback), limit, cause);
    rawErrors.set(e, { value, fatal: limit !== undefined && limit !== 'memory' && limit !== 'depth' && this.#limits.catchable !== true });
    return e;
  }

  #toJsError(e: unknown): unknown {
    if (e instanceof LuaException) return this.#luaError(e.value, e.traceback ?? '', this.#classify(e.value));
    return e;
  }

  // ---- private: async driver ----------------------------------------------------------------------

  #step(task: Task, args: LuaValue[]): void {
    if (task.settled) return;
    const S = this.#S;
    if (S === undefined) {
      task.settled = true;
      task.reject(new Error('Lua state closed'));
      return;
    }
    const co = task.co;
    task.sliceStart = performance.now();
    task.sliceTicks = 0;
    this.#enter(task.run);
    if (task.pendingLimit !== undefined) this.#limitHit = task.pendingLimit;
    task.pendingLimit = undefined;
    let n: number;
    let errValue: LuaValue = undefined;
    let failed = false;
    let limit: LimitKind | undefined;
    let traceback = '';
    try {
      if (task.interruptReason !== undefined) {
        const reason = task.interruptReason;
        this.#requestInterrupt(reason);
      }
      try {
        n = resume(S.current, co, args, 0, args.length);
        if (n < 0) {
          failed = true;
          errValue = resumeError;
        }
      } catch (e) {
        if (!(e instanceof LuaException)) throw e;
        n = -1;
        failed = true;
        errValue = e.value;
      }
      if (failed) {
        limit = this.#classify(errValue);
        traceback = co.traceback(undefined, 0);
        if (co.status === 'dead' && co.ciIdx > 0) closeThread(S.current, co);
      }
    } catch (e) {
      this.#leave(task.run);
      this.#settle(task);
      task.reject(e);
      return;
    }
    this.#leave(task.run);
    if (failed) {
      this.#settle(task);
      task.reject(this.#luaError(errValue, traceback, limit));
      return;
    }
    const values = co.stack.slice(co.top - n, co.top);
    if (co.status === 'dead') {
      this.#settle(task);
      let out: LuaJSValue[];
      try {
        out = values.map((v) => this.fromLua(v));
      } catch (e) {
        task.reject(e);
        return;
      }
      task.resolve(out);
      return;
    }
    co.top -= n;
    const req = values[0];
    if (n === 1 && req instanceof AwaitRequest) {
      this.#await(task, req);
    } else if (n === 1 && req === SLICE_REQUEST) {
      if (task.pauseRequested) task.paused = true;
      else nextTurn(() => this.#step(task, []));
    } else {
      this.#settle(task);
      task.reject(new LuaError('attempt to yield from outside a coroutine', 'attempt to yield from outside a coroutine', ''));
    }
  }

  #settle(task: Task): void {
    task.settled = true;
    task.wake = undefined;
    this.#tasks.delete(task);
  }

  #await(task: Task, req: AwaitRequest): void {
    let done = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const fatal = this.#limits.catchable !== true;
    const finish = (args: LuaValue[]): void => {
      if (done) return;
      done = true;
      if (timer !== undefined) clearTimeout(timer);
      task.wake = undefined;
      this.#step(task, args);
    };
    task.wake = finish;
    const left = task.run.deadline - performance.now();
    if (left !== Infinity) {
      timer = setTimeout(() => {
        task.pendingLimit = 'time';
        finish([false, 'time limit exceeded', fatal, true]);
      }, Math.max(0, left));
    }
    req.promise.then(
      (v) => {
        let vals: LuaValue[];
        try {
          vals = [true, ...req.convert(v)];
        } catch (e) {
          vals = [false, encodeUtf8(e instanceof Error ? e.message : String(e)), false, true];
        }
        finish(vals);
      },
      (e: unknown) => {
        const r = this.#hostErrorValue(e);
        finish([false, r.value, r.fatal, r.addPosition]);
      },
    );
  }

  #interruptTask(task: Task, reason: string): void {
    if (task.settled) return;
    const msg = encodeUtf8(reason);
    const fatal = this.#limits.catchable !== true;
    if (this.#runs.includes(task.run)) {
      this.#requestInterrupt(msg);
    } else if (task.wake !== undefined) {
      task.pendingLimit = 'interrupt';
      const wake = task.wake;
      wake([false, msg, fatal, true]);
    } else {
      task.interruptReason = msg;
      if (task.paused) {
        task.paused = false;
        task.pauseRequested = false;
        nextTurn(() => this.#step(task, []));
      }
    }
  }

  // ---- private: host functions and objects ----------------------------------------------------------

  #hostFunction(f: HostFunction): HostNative {
    let n = this.#hostFunctions.get(f);
    if (n === undefined) {
      n = new HostNative(f.name || '?', (L, base, nargs) => this.#callHost(L, base, base, nargs, (args) => f(...args)), f);
      this.#hostFunctions.set(f, n);
    }
    return n;
  }

  #hostObject(o: object): HostUserdata {
    let u = this.#hostObjects.get(o);
    if (u === undefined) {
      u = new HostUserdata(o);
      u.metatable = this.#hostMeta;
      this.#hostObjects.set(o, u);
    }
    return u;
  }

  /** Call a host function with the Lua arguments stack[base..]; results (or an await) to Lua. */
  #callHost(L: LuaThread, base: number, argStart: number, nargs: number, f: (args: LuaJSValue[]) => unknown): number {
    const stack = L.stack;
    const args: LuaJSValue[] = [];
    for (let i = 0; i < nargs; i++) args.push(this.fromLua(stack[argStart + i]));
    let r: unknown;
    try {
      r = f(args);
    } catch (e) {
      throw this.#hostErrorToLua(L, e);
    }
    if (isThenable(r)) {
      if (!L.isYieldable()) {
        luaError(L, 'attempt to await a JS promise outside an async run (use run/call, not runSync/callSync) or across a non-yieldable call');
      }
      // (the frame of this native is at base - 1 for functions; results start at base)
      stack[base] = awaitYield;
      stack[base + 1] = new AwaitRequest(r, (v) => this.#resultsToLua(v));
      return L.callk(base, 1, awaitK);
    }
    let vals: LuaValue[];
    try {
      vals = this.#resultsToLua(r);
    } catch (e) {
      throw this.#hostErrorToLua(L, e);
    }
    if (!L.checkStack(vals.length + base - L.top)) luaError(L, 'too many results');
    for (let i = 0; i < vals.length; i++) stack[base + i] = vals[i];
    return vals.length;
  }

  #resultsToLua(r: unknown): LuaValue[] {
    if (r === undefined) return [];
    if (r instanceof LuaMultiReturn) return r.values.map((v) => this.toLua(v));
    return [this.toLua(r)];
  }

  /** The Lua error value of a JS exception, and whether it needs the Lua caller's position. */
  #hostErrorValue(e: unknown): { value: LuaValue; fatal: boolean; addPosition: boolean } {
    if (e instanceof LuaError) {
      const raw = rawErrors.get(e);
      if (raw !== undefined) return { value: raw.value, fatal: raw.fatal, addPosition: false };
      return { value: encodeUtf8(e.message), fatal: false, addPosition: false };
    }
    if (e instanceof Error) return { value: encodeUtf8(e.message), fatal: false, addPosition: true };
    let v: LuaValue;
    try {
      v = this.toLua(e);
    } catch {
      v = encodeUtf8(String(e));
    }
    return { value: v, fatal: false, addPosition: false };
  }

  /** Run host code reached by a metamethod (getters, Proxy traps): a JS exception becomes a Lua error. */
  #hostCall<T>(L: LuaThread, f: () => T): T {
    try {
      return f();
    } catch (e) {
      throw this.#hostErrorToLua(L, e);
    }
  }

  #hostErrorToLua(L: LuaThread, e: unknown): LuaException {
    if (e instanceof LuaException) return e; // a VM error (e.g. "not enough memory") passing through
    const r = this.#hostErrorValue(e);
    const value = r.addPosition && typeof r.value === 'string' ? L.where(1) + r.value : r.value;
    const ex = new LuaException(value);
    ex.fatal = r.fatal;
    this.#lastHostError = { value, error: e };
    return ex;
  }

  #functionRef(f: RawFunction): LuaFunction {
    let r = this.#functions.get(f);
    if (r === undefined) {
      r = new LuaFunction(this, f);
      this.#functions.set(f, r);
    }
    return r;
  }

  #functionByName(name: string): LuaFunction {
    const v = this.#state().globals.get(encodeUtf8(name));
    if (!(v instanceof RawFunction)) throw new TypeError(`global '${name}' is not a function`);
    return this.#functionRef(v);
  }

  #callee(fn: LuaFunction | string): LuaValue {
    if (typeof fn === 'string') return this.#functionByName(fn).raw;
    if (fn.lua !== this) throw new Error('a function of another Lua state cannot be called here');
    return fn.raw;
  }

  #deepToLua(v: unknown, memo: Map<object, RawTable>): LuaValue {
    if (!isPlainData(v)) return this.toLua(v);
    const o = v as object;
    const done = memo.get(o);
    if (done !== undefined) return done;
    const t = new RawTable();
    memo.set(o, t);
    if (Array.isArray(o)) {
      for (let i = 0; i < o.length; i++) t.setInt(i + 1, this.#deepToLua(o[i], memo));
    } else if (o instanceof Map) {
      for (const [k, x] of o) {
        const key = this.toLua(k);
        if (key !== undefined) t.set(key, this.#deepToLua(x, memo));
      }
    } else {
      for (const k of Object.keys(o)) t.setStr(encodeUtf8(k), this.#deepToLua((o as Record<string, unknown>)[k], memo));
    }
    return t;
  }

  // ---- private: files and modules -------------------------------------------------------------------

  #readSource(path: string): string | undefined {
    const fs = this.#fs;
    if (fs !== undefined) {
      const c = fs.readFile(path);
      return c === undefined ? undefined : typeof c === 'string' ? encodeUtf8(c) : bytesToLua(c);
    }
    return undefined;
  }

  #loadFile(path: string): LuaFunction {
    let text = this.#readSource(path);
    if (text === undefined) {
      if (this.#fs !== undefined) throw new Error(`cannot open ${path}`);
      text = readFileSync(path).toString('latin1');
    }
    return this.load(bytesFromLatin1(skipFileHeader(text)), '@' + path);
  }

  #loadVfs(S: LuaState, name: string): { ok: true; fn: RawFunction } | { ok: false; error: LuaValue } {
    const path = decodeUtf8(name);
    const text = this.#readSource(path);
    if (text === undefined) return { ok: false, error: `cannot open ${name}` };
    return loadChunk(S, skipFileHeader(text), '@' + name, this.#options.binaryChunks === true ? undefined : 't');
  }

  /** The sandbox's require: package.loaded, then the host resolver, then `fs` (?.lua, ?/init.lua). */
  #requireNative(S: LuaState): NativeFn {
    const load = (L: LuaThread, base: number, name: string, text: string, chunkName: string, extra: string): number => {
      const r = loadChunk(S, text, chunkName, this.#options.binaryChunks === true ? undefined : 't');
      if (!r.ok) {
        const why = typeof r.error === 'string' ? r.error : '?';
        return luaError(L, `error loading module '${name}' from ${extra}:\n\t${why}`);
      }
      const stack = L.stack;
      stack[base] = r.fn;
      stack[base + 1] = name;
      stack[base + 2] = extra;
      return L.callk(base, 2, (L2, b2, first, nres) => {
        const v = nres > 0 ? L2.stack[first] : undefined;
        const loaded = S.loaded;
        if (v !== undefined) loaded.set(name, v);
        if (loaded.get(name) === undefined) loaded.set(name, true);
        L2.stack[b2] = loaded.get(name);
        L2.stack[b2 + 1] = extra;
        return 2;
      });
    };
    const fromSource = (L: LuaThread, base: number, name: string, src: ModuleSource | undefined): number | undefined => {
      if (src === undefined) return undefined;
      if (typeof src === 'string' || src instanceof Uint8Array) {
        return load(L, base, name, typeof src === 'string' ? encodeUtf8(src) : bytesToLua(src), '=' + name, ':resolver:');
      }
      const text = typeof src.source === 'string' ? encodeUtf8(src.source) : bytesToLua(src.source);
      const cn = src.chunkName === undefined ? '=' + name : /^[=@]/.test(src.chunkName) ? encodeUtf8(src.chunkName) : '@' + encodeUtf8(src.chunkName);
      return load(L, base, name, text, cn, ':resolver:');
    };
    const fromFs = (L: LuaThread, base: number, name: string): number => {
      const tried: string[] = [`no field package.loaded['${name}']`];
      if (this.#options.require !== undefined) tried.push('no module from the host resolver');
      if (this.#fs !== undefined) {
        const stem = decodeUtf8(name).replace(/\./g, '/');
        for (const path of [`${stem}.lua`, `${stem}/init.lua`]) {
          const text = this.#readSource(path);
          if (text !== undefined) return load(L, base, name, skipFileHeader(text), '@' + encodeUtf8(path), encodeUtf8(path));
          tried.push(`no file '${encodeUtf8(path)}'`);
        }
      }
      return luaError(L, `module '${name}' not found:\n\t${tried.join('\n\t')}`);
    };
    return (L, base, nargs) => {
      const name = checkString(L, base, nargs, 1);
      const have = S.loaded.get(name);
      if (have !== undefined) {
        L.stack[base] = have;
        return 1;
      }
      const resolver = this.#options.require;
      if (resolver !== undefined) {
        let src: ModuleSource | undefined | PromiseLike<ModuleSource | undefined>;
        try {
          src = resolver(decodeUtf8(name));
        } catch (e) {
          throw this.#hostErrorToLua(L, e);
        }
        if (isThenable(src)) {
          if (!L.isYieldable()) luaError(L, 'attempt to await an async module resolver outside an async run');
          const stack = L.stack;
          const pending: { src: ModuleSource | undefined } = { src: undefined };
          stack[base] = awaitYield;
          stack[base + 1] = new AwaitRequest(src, (v) => {
            pending.src = v as ModuleSource | undefined;
            return [];
          });
          return L.callk(base, 1, (L2, b2, first, nres) => {
            if (L2.stack[first] !== true) return awaitK(L2, b2, first, nres, 0);
            return fromSource(L2, b2, name, pending.src) ?? fromFs(L2, b2, name);
          });
        }
        const r = fromSource(L, base, name, src);
        if (r !== undefined) return r;
      }
      return fromFs(L, base, name);
    };
  }
}

/** Raw Lua values of LuaErrors (to pass them back into Lua unchanged). */
const rawErrors = new WeakMap<LuaError, { value: LuaValue; fatal: boolean }>();

function rejectedTask(e: unknown): LuaTask {
  const p = Promise.reject(e);
  const control = {
    pause: (): void => {},
    resume: (): void => {},
    interrupt: (): void => {},
    status: (): TaskStatus => 'done',
  };
  return new LuaTask(p, control);
}

function recordFs(files: Record<string, string | Uint8Array>): VirtualFileSystem {
  return {
    readFile: (path) => (Object.prototype.hasOwnProperty.call(files, path) ? files[path] : undefined),
  };
}

function bytesFromLatin1(s: string): Uint8Array {
  return luaToBytes(s);
}

/** Plain objects, arrays and Maps (converted deeply by createTable and setModule). */
function isPlainData(v: unknown): v is Record<string, unknown> | unknown[] | Map<unknown, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  if (Array.isArray(v) || v instanceof Map) return true;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
