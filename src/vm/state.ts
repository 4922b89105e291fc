// The global state and threads, and the services the VM offers to native functions.
//
// Quick reference for library / CLI / API code:
//
//   const S = newState();                     // a VM (= new LuaState(); no libraries opened: see stdlib/)
//   const L = S.mainThread;                   // the main thread
//   const f = loadProto(S, proto);            // vm/load.ts: a closure for a compiled chunk (_ENV = S.globals)
//   const r = L.pcall(f, [args], handler?);   // protected call: { ok, values } (the CLI's docall)
//   const vals = L.call(f, [args]);           // unprotected call from a native (errors propagate)
//   L.where(1), L.traceback(msg, 1), L.funcName(0), L.globalFuncName(0)   // debug information
//   S.setInstructionLimit(n)                  // budget of safe points ("instruction limit exceeded")
//
// Inside natives: L.stack / base / nargs (vm/function.ts), L.yield, L.callk, L.pcallk for
// yieldable control flow (coroutine and protected libraries).

import { LuaThreadBase, type LuaValue } from '../runtime/value.js';
import { LuaTable } from '../runtime/table.js';
import { LuaException } from '../runtime/error.js';
import { CallInfo, CIST_C, CIST_K, CIST_YPCALL } from './callinfo.js';
import { CALLK_REQUEST, YIELD_REQUEST, type NativeK, type UpVal } from './function.js';
import { callFromNative, protectedCall, growStack, MAXCCALLS, incCcalls } from './calls.js';
import { funcNameAt, globalFuncNameAt, whereAt, tracebackOf } from './debuginfo.js';
import { chargeMem, MemoryMeter, MEM_THREAD, MEM_STACK_SLOT } from '../runtime/memory.js';

/** Maximum stack slots per thread (LUAI_MAXSTACK). */
export const LUAI_MAXSTACK = 1000000;
/** Slots guaranteed above a native's arguments (LUA_MINSTACK). */
export const LUA_MINSTACK = 20;

/** Safe-point ticks between two calls of the handler when no budget/interrupt is active. */
const IDLE_INTERVAL = 1 << 30;

/** Per-VM state shared by all threads (lua_State's global_State). */
export class LuaState {
  globals: LuaTable = new LuaTable();
  registry: LuaTable = new LuaTable();
  /** Metatable shared by all strings (set by the string library). */
  stringMeta: LuaTable | undefined = undefined;
  /** Metatables of the other non-table types (debug.setmetatable). */
  numberMeta: LuaTable | undefined = undefined;
  booleanMeta: LuaTable | undefined = undefined;
  nilMeta: LuaTable | undefined = undefined;
  functionMeta: LuaTable | undefined = undefined;
  threadMeta: LuaTable | undefined = undefined;
  /** package.loaded */
  loaded: LuaTable = new LuaTable();
  mainThread: LuaThread;
  /** The running thread. */
  current: LuaThread;
  /**
   * Fill LuaException.traceback (a "stack traceback:..." string of the failing thread) where
   * each error is first caught, before unwinding. Off by default (costs a traceback per error).
   */
  captureTracebacks = false;
  /** Output sinks for print/io.write: receive Lua byte strings. */
  stdout: (bytes: string) => void = (s) => process.stdout.write(Buffer.from(s, 'latin1'));
  stderr: (bytes: string) => void = (s) => process.stderr.write(Buffer.from(s, 'latin1'));

  /**
   * Opcode-pair histogram (moonlet --opcode-stats): when set, the interpreter counts every
   * executed instruction at [previous opcode << 8 | opcode]. Set it before running code.
   */
  opStats: Float64Array | undefined = undefined;

  // ---- safe points ---------------------------------------------------------------------------
  /**
   * Decremented by the interpreter at every backward jump and every call; when it reaches 0 the
   * interpreter calls onSafePoint. Write it only through the methods below.
   */
  safeCount = IDLE_INTERVAL;
  /** Remaining safe-point ticks of the budget (Infinity: no budget). */
  private budget = Infinity;
  /** Ticks granted at the last refill of safeCount. */
  private granted = IDLE_INTERVAL;
  /** "instruction limit exceeded" errors raised since the budget was set. */
  private overruns = 0;
  private interruptFn: ((L: LuaThread) => void) | undefined = undefined;
  /** Periodic safe-point handler (debug.sethook count hooks): see setTickHandler. */
  private tickFn: ((L: LuaThread, ticks: number) => void) | undefined = undefined;
  private tickInterval = IDLE_INTERVAL;

  // ---- host limits (used by the embedding API, src/api/) --------------------------------------
  /**
   * Called at safe points at least every `hookInterval` ticks (deadlines, interrupt polling,
   * time slices). It may throw a LuaException, or, at an interpreter safe point of a yieldable
   * thread, throw SAFEPOINT_SUSPEND to suspend the running coroutine there (calls.ts).
   * Long native operations (pattern matching, sort) tick safe points too (see `tick`).
   */
  safePointHook: ((L: LuaThread) => void) | undefined = undefined;
  hookInterval = IDLE_INTERVAL;
  /** "instruction limit exceeded" is fatal (not catchable by pcall) when set. */
  fatalLimits = false;
  /** Most call frames a thread may have ("stack overflow" beyond; checked when frames grow). */
  maxCallDepth = Infinity;
  /** Memory accounting of this state (runtime/memory.ts); made active by the host API. */
  readonly meter = new MemoryMeter();

  constructor() {
    this.mainThread = new LuaThread(this, true);
    this.current = this.mainThread;
  }

  /**
   * Limit execution to n safe-point ticks (each backward jump — loop iteration — and each call
   * is one tick). When exhausted, the running code raises the catchable Lua error
   * "instruction limit exceeded" (again at every further tick after a grace of 1000 ticks, so a
   * script cannot catch its way around the limit). Infinity removes the limit.
   */
  setInstructionLimit(n: number): void {
    this.budget = n;
    this.overruns = 0;
    this.refill();
  }

  /** Remaining budget (Infinity when unlimited). */
  instructionBudget(): number {
    return this.budget === Infinity ? Infinity : Math.max(0, this.budget - (this.granted - this.safeCount));
  }

  /**
   * Ask the running Lua code to stop at its next safe point: fn(L) runs there, on the running
   * thread; it may throw a LuaException (e.g. to abort the script) — the error is catchable.
   */
  requestInterrupt(fn: (L: LuaThread) => void): void {
    this.interruptFn = fn;
    this.budget = this.instructionBudget();
    this.granted = 0;
    this.safeCount = 0;
  }

  /**
   * Call fn(L, ticks) at least every `interval` safe-point ticks (with the ticks used since the
   * last call) on the running thread; it may throw a Lua error. undefined removes it. Safe
   * points then happen more often; with no handler the interpreter's cost is unchanged.
   */
  setTickHandler(fn: ((L: LuaThread, ticks: number) => void) | undefined, interval: number): void {
    this.budget = this.instructionBudget();
    this.tickFn = fn;
    this.tickInterval = fn === undefined ? IDLE_INTERVAL : Math.max(1, Math.min(interval, IDLE_INTERVAL));
    this.refill();
  }

  /** Called by the interpreter when safeCount reaches 0 (the hook point for budgets, debuggers...). */
  onSafePoint(L: LuaThread): void {
    const used = this.granted - this.safeCount;
    this.onBudgetPoint(L, used);
    // after the budget and interrupt checks, which refilled safeCount (the handler may throw)
    if (this.tickFn !== undefined) this.tickFn(L, used);
  }

  private onBudgetPoint(L: LuaThread, used: number): void {
    if (this.budget !== Infinity) this.budget -= used;
    const fn = this.interruptFn;
    if (fn !== undefined) {
      this.interruptFn = undefined;
      this.refill();
      fn(L);
      return;
    }
    if (this.budget !== Infinity && this.budget <= 0) {
      this.budget = 0;
      this.granted = this.safeCount = 1000;
      const ex = new LuaException('instruction limit exceeded', true);
      // catchable limits become fatal after 100 catches (a script cannot catch its way on)
      ex.fatal = this.fatalLimits || ++this.overruns > 100;
      throw ex;
    }
    this.refill();
    if (this.safePointHook !== undefined) this.safePointHook(L);
  }

  /**
   * A safe-point tick from a long native operation (k elementary steps): counts against the
   * instruction budget and runs the hook, like the interpreter's ticks.
   */
  tick(L: LuaThread, k = 1): void {
    if ((this.safeCount -= k) <= 0) this.onSafePoint(L);
  }

  /** Set the safe-point hook and its interval (undefined: none). */
  setSafePointHook(fn: ((L: LuaThread) => void) | undefined, interval: number): void {
    this.safePointHook = fn;
    this.hookInterval = fn === undefined ? IDLE_INTERVAL : Math.max(1, Math.min(interval, IDLE_INTERVAL));
    this.refill();
  }

  private refill(): void {
    // the nearer of the host hook's and the debug count hook's intervals
    const cap = Math.min(this.hookInterval, this.tickInterval);
    const n = this.budget === Infinity ? cap : Math.max(1, Math.min(this.budget, cap));
    this.granted = n;
    this.safeCount = n;
  }
}

/** A new VM with its main thread (no libraries opened). */
export function newState(): LuaState {
  return new LuaState();
}

export type ThreadStatus = 'running' | 'suspended' | 'normal' | 'dead';

/** A Lua thread (coroutine): its own value stack and call frames. */
export class LuaThread extends LuaThreadBase {
  /**
   * The value stack: registers of all frames of this thread. It grows in place. It is replaced
   * by a copy only by renewStack (vm/calls.ts), from the execute whose stopLevel is
   * movableLevel; JS code below that execute must re-read L.stack after it returns.
   */
  stack: LuaValue[] = [];
  /**
   * stopLevel of the one execute that may renew the stack (-1: none): set by L.pcall from an
   * idle thread and by resume, where no other JS frame holds the stack (vm/calls.ts renewStack).
   */
  movableLevel = -1;
  /** First free slot for multi-value transfers (set by calls with C=0, VARARG C=0, natives). */
  top = 1;
  /** Call frames: cis[0] is the base frame (a dummy native frame), cis[ciIdx] the running one. */
  readonly cis: CallInfo[] = [];
  ciIdx = 0;
  ci: CallInfo;
  /** Open upvalues, sorted by stack index (ascending). */
  readonly openupval: UpVal[] = [];
  /** Stack indices of pending to-be-closed variables (ascending). */
  readonly tbcList: number[] = [];
  /** Nesting of "C calls" (natives calling Lua, metamethods, pcall, resume): limit MAXCCALLS. */
  nCcalls = 0;
  /** > 0 while the thread cannot yield (inside L.call from a native; always for the main thread). */
  nny = 0;
  /** Stack index of the current message handler (0: none). */
  errfunc = 0;
  /** Stack limit (LUAI_MAXSTACK, raised by 200 slots while handling a stack overflow). */
  stackLimit = LUAI_MAXSTACK;
  status: ThreadStatus = 'suspended';
  /** The thread died by an error (its error value is errorValue). */
  errored = false;
  errorValue: LuaValue = undefined;
  /** Set by L.yield until the thread is resumed. */
  yielded = false;
  yieldFirst = 0;
  yieldCount = 0;
  /** Argument count of a pending callk request. */
  knargs = 0;
  /** The exception already passed through the message handler (to call it once). */
  handledEx: LuaException | undefined = undefined;
  /** Message handlers running on this thread (a fatal error inside one is not handled again). */
  inMsgHandler = 0;

  constructor(
    readonly state: LuaState,
    readonly isMain = false,
  ) {
    super();
    chargeMem(MEM_THREAD + 2 * LUA_MINSTACK * MEM_STACK_SLOT); // memory accounting
    // (a second store to `stack`, so that V8 tracks the field as mutable from the start: the
    // first renewStack would otherwise deoptimise all code that read it, as a constant field)
    const stack: LuaValue[] = [];
    for (let i = 0; i < 2 * LUA_MINSTACK; i++) stack.push(undefined);
    this.stack = stack;
    const ci = new CallInfo();
    ci.func = 0;
    ci.top = 1 + LUA_MINSTACK;
    ci.callstatus = CIST_C;
    ci.nresults = -1;
    this.cis.push(ci);
    this.ci = ci;
    if (isMain) {
      this.nny = 1;
      this.status = 'running';
    }
  }

  // ---- services for native functions (implemented in vm/) ---------------------------------

  /**
   * Call any value (function, or a value with __call) with arguments; returns all results.
   * Errors propagate as LuaException. Not yieldable (like lua_call from C): a yield inside
   * raises "attempt to yield across a C-call boundary". The call uses the stack from L.top
   * (= the native's base + nargs at its entry): a native that already wrote results beyond its
   * arguments must set L.top above them first.
   */
  call(fn: LuaValue, args: LuaValue[]): LuaValue[] {
    return callFromNative(this, fn, args);
  }

  /**
   * Protected call (lua_pcall) for hosts: the CLI, the embedding API. Runs fn under a native
   * host frame (shown as "[C]: in ?" at the bottom of tracebacks, like lua.c's pmain; it also
   * reproduces lua.c's stack slots and C-call nesting, so stack-overflow depths and C-stack
   * limits match the reference interpreter).
   * `handler` is called at the error point with the error value (before unwinding, so
   * L.traceback sees the failing frames) and its result becomes the error value.
   * Never throws a LuaException (JS bugs still propagate).
   */
  pcall(fn: LuaValue, args: LuaValue[] = [], handler?: LuaValue): { ok: boolean; values: LuaValue[]; fatal?: boolean } {
    return protectedCall(this, fn, args, handler);
  }

  /**
   * Name of the function running at `level` (0 = the running native) as the reference's
   * getfuncname finds it: { name, namewhat } with namewhat 'global' | 'local' | 'method' |
   * 'field' | 'upvalue' | 'constant' | 'metamethod' | 'for iterator' | ''.
   */
  funcName(level: number): { name: string | undefined; namewhat: string } {
    return funcNameAt(this, level);
  }

  /**
   * The name under which the function at `level` is reachable from package.loaded
   * ("print", "string.rep"), as lauxlib's pushglobalfuncname; undefined if none. luaL_argerror
   * uses it when funcName gives no name.
   */
  globalFuncName(level: number): string | undefined {
    return globalFuncNameAt(this, level);
  }

  /** "chunk:line: " of the Lua function at `level` (1 = the caller of the running native), or "". */
  where(level: number): string {
    return whereAt(this, level);
  }

  /** A traceback string ("stack traceback:\n\t...") from `level`, like luaL_traceback. */
  traceback(msg: string | undefined, level: number): string {
    return tracebackOf(this, msg, level);
  }

  /** Make sure n more slots above L.top can be used (lua_checkstack); false if over the limit. */
  checkStack(n: number): boolean {
    const need = this.top + n;
    if (need <= this.stack.length) return true;
    if (need > this.stackLimit) return false;
    growStack(this, need);
    return true;
  }

  /** Can the running code of this thread yield? */
  isYieldable(): boolean {
    return this.nny === 0;
  }

  // ---- control requests (natives return the result of these) ---------------------------------

  /**
   * Yield the n values at stack[first..] to the resumer (coroutine.yield: `return L.yield(base,
   * nargs)`). When the coroutine is resumed, the resume arguments become the native's results.
   */
  yield(first: number, n: number): number {
    if (this.nny > 0) {
      if (this.isMain) throw new LuaException('attempt to yield from outside a coroutine', true);
      throw new LuaException('attempt to yield across a C-call boundary', true);
    }
    this.yielded = true;
    this.yieldFirst = first;
    this.yieldCount = n;
    return YIELD_REQUEST;
  }

  /**
   * Call stack[func] with the nargs values after it, then continue in k (lua_callk). The call is
   * made by the VM, not nested in JS: it can yield. Use as `return L.callk(...)`.
   */
  callk(func: number, nargs: number, k: NativeK): number {
    const ci = this.ci;
    ci.k = k;
    ci.kfunc = func;
    ci.callstatus |= CIST_K;
    this.knargs = nargs;
    return CALLK_REQUEST;
  }

  /**
   * Protected callk (lua_pcallk): errors in the call are caught, the stack is unwound (closing
   * to-be-closed variables) and k runs with status LUA_ERRRUN and the error value at
   * stack[func]. errfunc: stack index of a message handler (0: none).
   */
  pcallk(func: number, nargs: number, errfunc: number, k: NativeK): number {
    const ci = this.ci;
    ci.oldErrfunc = this.errfunc;
    ci.oldNCcalls = this.nCcalls;
    this.errfunc = errfunc;
    const r = this.callk(func, nargs, k);
    ci.callstatus |= CIST_YPCALL;
    // inside the protected region, as lua_pcallk: a "C stack overflow" here is caught by it
    incCcalls(this);
    return r;
  }
}

export { MAXCCALLS };
