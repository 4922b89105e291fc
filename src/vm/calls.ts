// Calls, returns, protected calls, error unwinding, upvalues and to-be-closed variables
// (PUC-Lua's ldo.c and lfunc.c). See the header of interpreter.ts for the design.

import type { LuaValue } from '../runtime/value.js';
import { LuaException } from '../runtime/error.js';
import { CallInfo, CIST_C, CIST_K, CIST_RECOVER, CIST_YPCALL } from './callinfo.js';
import {
  CALLK_REQUEST, LUA_ERRRUN, LUA_OK, LuaClosure, NativeFunction, UpVal, YIELD_REQUEST, type NativeK,
} from './function.js';
import { LUAI_MAXSTACK, LUA_MINSTACK, type LuaThread } from './state.js';
import { getMetamethod } from './ops.js';
import { addPosition, callError, getlocalname, currentpc } from './debuginfo.js';
import { execute } from './interpreter.js';
import { chargeMem, MEM_CALLINFO, MEM_STACK_SLOT } from '../runtime/memory.js';
import { Op } from '../bytecode/opcodes.js';
import { LuaUserdata } from '../runtime/value.js';

/** Limit of nested "C calls" (LUAI_MAXCCALLS). */
export const MAXCCALLS = 200;
/** Extra stack slots granted while handling a stack overflow (ERRORSTACKSIZE - LUAI_MAXSTACK). */
const EXTRA_STACK = 200;

// ---- errors ------------------------------------------------------------------------------------

/** "error in error handling" (LUA_ERRERR): never passed to a message handler. */
export function errerr(L: LuaThread): LuaException {
  const e = new LuaException('error in error handling');
  L.handledEx = e;
  return e;
}

/** Count one more nested C call; "C stack overflow" at MAXCCALLS, errerr beyond 110% of it. */
export function incCcalls(L: LuaThread): void {
  const n = ++L.nCcalls;
  if (n >= MAXCCALLS) {
    if (n === MAXCCALLS) throw new LuaException('C stack overflow', true);
    if (n >= (MAXCCALLS / 10) * 11) throw errerr(L);
  }
}

/**
 * Turn anything caught into a LuaException with position (RangeError -> "stack overflow" /
 * "not enough memory"), and run the message handler once if one is active. Foreign JS errors
 * (bugs, host exceptions) are rethrown unchanged.
 */
export function prepareError(L: LuaThread, e: unknown): LuaException {
  let ex: LuaException;
  if (e instanceof LuaException) ex = e;
  else if (e instanceof RangeError) {
    ex = new LuaException(rangeErrorMessage(e), true);
    ex.memory = ex.value === 'not enough memory';
  } else throw e;
  addPosition(L, ex);
  if (ex.traceback === undefined && L.state.captureTracebacks) ex.traceback = L.traceback(undefined, 0);
  // memory errors skip the message handler (LUA_ERRMEM, see LuaException.memory)
  // a fatal host limit raised inside a message handler is not handled again: that looped until
  // "error in error handling", a catchable error (xpcall(error, function() while true do end
  // end) then went on with the script, the budget spent and the deadline never checked)
  if (L.errfunc !== 0 && L.handledEx !== ex && !ex.memory && !(ex.fatal && L.inMsgHandler > 0)) ex = runMsgHandler(L, ex);
  return ex;
}

function rangeErrorMessage(e: RangeError): string {
  const m = e.message;
  return typeof m === 'string' && (m.indexOf('Invalid array length') >= 0 || m.indexOf('Invalid string length') >= 0
    || m.indexOf('Array buffer allocation failed') >= 0) ? 'not enough memory' : 'stack overflow';
}

/**
 * prepareError, or undefined when there is no JS stack left to do it (after a JS stack
 * overflow, the innermost catch can be too deep to even build the error): the caller then
 * rethrows the original exception, and an outer handler, with more room, retries.
 */
export function tryPrepareError(L: LuaThread, e: unknown): LuaException | undefined {
  try {
    return prepareError(L, e);
  } catch (e2) {
    if (e2 === e) throw e2; // a foreign error: propagate it
    if (e instanceof RangeError || e2 instanceof RangeError || e2 instanceof SyntaxError) return undefined;
    throw e2;
  }
}

/** First free stack slot above the running frame (for calls made by the VM itself). */
function freeSlot(L: LuaThread): number {
  const ci = L.ci;
  return ci.cl !== null && ci.top > L.top ? ci.top : L.top;
}

/**
 * Call the message handler at L.errfunc with the error value, at the error point (before
 * unwinding). Errors in the handler are handled by the handler again (as in luaG_errormsg),
 * until the C-call limit turns them into "error in error handling". Returns the exception to
 * propagate (its value is the handler's result).
 */
function runMsgHandler(L: LuaThread, ex: LuaException): LuaException {
  L.handledEx = ex;
  const stack = L.stack;
  try {
    incCcalls(L);
    const pos = freeSlot(L);
    if (pos + 2 + LUA_MINSTACK > stack.length) growStack(L, pos + 2 + LUA_MINSTACK);
    stack[pos] = stack[L.errfunc];
    stack[pos + 1] = ex.value;
    L.top = pos + 2;
    L.nny++;
    L.inMsgHandler++;
    try {
      callValue(L, pos, 1);
    } finally {
      L.nny--;
      L.inMsgHandler--;
    }
    ex.value = stack[pos];
    L.top = pos;
    return ex;
  } catch (e2) {
    let ex2: LuaException;
    if (e2 instanceof LuaException) ex2 = e2;
    else if (e2 instanceof RangeError || e2 instanceof SyntaxError) ex2 = errerr(L);
    else throw e2;
    addPosition(L, ex2);
    if (L.handledEx === ex2) return ex2;
    if (ex2.fatal) return ex2; // (see prepareError)
    return runMsgHandler(L, ex2);
  } finally {
    L.nCcalls--;
  }
}

// ---- stack -------------------------------------------------------------------------------------

/** Grow the stack (in place) to at least `needed` slots; "stack overflow" beyond the limit. */
export function growStack(L: LuaThread, needed: number): void {
  if (needed > L.stackLimit) {
    if (L.stackLimit > LUAI_MAXSTACK) throw errerr(L); // overflow while handling an overflow
    L.stackLimit = LUAI_MAXSTACK + EXTRA_STACK;
    throw new LuaException('stack overflow', true);
  }
  const stack = L.stack;
  let n = stack.length * 2;
  if (n > L.stackLimit) n = L.stackLimit;
  if (n < needed) n = needed;
  chargeMem((n - stack.length) * MEM_STACK_SLOT); // memory accounting (runtime/memory.ts)
  while (stack.length < n) stack.push(undefined);
}

/**
 * A new CallInfo record for frame index idx (the slow path of frame pushes: records are
 * reused, so this runs only when a thread reaches a new depth). Enforces S.maxCallDepth.
 */
export function newCallInfo(L: LuaThread, idx: number): CallInfo {
  if (idx > L.state.maxCallDepth) {
    // as growStack: after the first overflow some frames are left for the message handler
    if (L.stackLimit > LUAI_MAXSTACK) {
      if (idx > L.state.maxCallDepth + 50) throw errerr(L);
    } else {
      L.stackLimit = LUAI_MAXSTACK + EXTRA_STACK;
      throw new LuaException('stack overflow', true);
    }
  }
  chargeMem(MEM_CALLINFO);
  const ci = new CallInfo();
  L.cis.push(ci);
  return ci;
}

/** Leave the error zone of the stack after recovering from an overflow (luaD_shrinkstack). */
function resetStackLimit(L: LuaThread): void {
  if (L.stackLimit > LUAI_MAXSTACK && L.top < LUAI_MAXSTACK - EXTRA_STACK) {
    L.stackLimit = LUAI_MAXSTACK;
    // the array must not stay longer than the limit: growth (and so the overflow check) only
    // happens when a frame does not fit in the array. Shrinking in place keeps it the same array.
    if (L.stack.length > LUAI_MAXSTACK) L.stack.length = LUAI_MAXSTACK;
  }
}

// ---- frames ------------------------------------------------------------------------------------

/**
 * Push the frame of Lua closure fn, whose function slot is `func` with nargs arguments after it.
 * Missing fixed parameters become nil; vararg functions get their frame moved above the
 * arguments (function and fixed parameters copied up, the extra arguments stay below: see
 * interpreter.ts). Returns the new CallInfo, which is also L.ci.
 */
export function pushLuaFrame(L: LuaThread, fn: LuaClosure, func: number, nargs: number, nresults: number): CallInfo {
  const p = fn.proto;
  const stack = L.stack;
  const np = p.numparams;
  let base = func + 1;
  if (!p.isVararg) {
    const need = base + p.maxstacksize;
    if (need > stack.length) growStack(L, need);
    for (let j = nargs; j < np; j++) stack[base + j] = undefined;
  } else {
    const actual = nargs > np ? nargs : np;
    const newfunc = base + actual;
    const need = newfunc + 1 + p.maxstacksize;
    if (need > stack.length) growStack(L, need);
    for (let j = nargs; j < np; j++) stack[base + j] = undefined;
    stack[newfunc] = fn;
    for (let j = 1; j <= np; j++) {
      stack[newfunc + j] = stack[func + j];
      stack[func + j] = undefined;
    }
    func = newfunc;
    base = newfunc + 1;
  }
  const idx = L.ciIdx + 1;
  let ci = L.cis[idx];
  if (ci === undefined) ci = newCallInfo(L, idx);
  ci.func = func;
  ci.top = base + p.maxstacksize;
  ci.savedpc = 0;
  ci.nresults = nresults;
  ci.callstatus = 0;
  ci.nextraargs = p.isVararg && nargs > np ? nargs - np : 0;
  ci.cl = fn;
  L.ciIdx = idx;
  L.ci = ci;
  return ci;
}

/** Finish a native frame: move its n results from stack[first..] to its function slot, pop it. */
export function nativeReturn(L: LuaThread, ci: CallInfo, first: number, n: number): void {
  const stack = L.stack;
  const res = ci.func;
  const wanted = ci.nresults;
  if (wanted === 1) {
    stack[res] = n > 0 ? stack[first] : undefined;
  } else if (wanted < 0) {
    for (let j = 0; j < n; j++) stack[res + j] = stack[first + j];
    L.top = res + n;
  } else {
    const m = n < wanted ? n : wanted;
    for (let j = 0; j < m; j++) stack[res + j] = stack[first + j];
    for (let j = m; j < wanted; j++) stack[res + j] = undefined;
  }
  L.ci = L.cis[--L.ciIdx];
}

/**
 * Call native f at stack[func] with nargs arguments. Returns true when it completed (results
 * in place, L.ci back to the caller); false when it pushed a Lua frame (callk) or yielded —
 * the interpreter then continues with L.ci.
 */
export function callNative(L: LuaThread, f: NativeFunction, func: number, nargs: number, nresults: number): boolean {
  const base = func + 1;
  if (base + nargs + LUA_MINSTACK > L.stack.length) growStack(L, base + nargs + LUA_MINSTACK);
  const idx = L.ciIdx + 1;
  let ci = L.cis[idx];
  if (ci === undefined) ci = newCallInfo(L, idx);
  ci.func = func;
  ci.top = base + nargs;
  ci.nresults = nresults;
  ci.callstatus = CIST_C;
  ci.cl = null;
  ci.k = null;
  L.ciIdx = idx;
  L.ci = ci;
  L.top = base + nargs;
  const n = f.fn(L, base, nargs);
  if (n >= 0) {
    nativeReturn(L, ci, base, n);
    return true;
  }
  return nativeRequest(L, ci, n);
}

function nativeRequest(L: LuaThread, ci: CallInfo, code: number): boolean {
  if (code === YIELD_REQUEST) return false;
  if (code === CALLK_REQUEST) return doCallK(L, ci);
  throw new Error(`native function returned an invalid result count (${code})`);
}

/** Run the continuation k of a native frame after its callk call returned (status OK). */
function runK(L: LuaThread, ci: CallInfo, status: number): number {
  const k = ci.k!;
  ci.k = null;
  ci.callstatus &= ~CIST_K;
  if ((ci.callstatus & CIST_YPCALL) !== 0) {
    ci.callstatus &= ~CIST_YPCALL;
    L.errfunc = ci.oldErrfunc;
    L.nCcalls = ci.oldNCcalls;
  }
  return k(L, ci.base, ci.kfunc, L.top - ci.kfunc, status);
}

/** Perform the call requested by L.callk; see callNative for the result. */
function doCallK(L: LuaThread, ci: CallInfo): boolean {
  for (;;) {
    const func = ci.kfunc;
    const nargs = L.knargs;
    L.top = func + 1 + nargs;
    if (!callAny(L, func, nargs, -1)) return false;
    const n = runK(L, ci, LUA_OK);
    if (n >= 0) {
      nativeReturn(L, ci, ci.base, n);
      return true;
    }
    if (n === YIELD_REQUEST) return false;
    if (n !== CALLK_REQUEST) throw new Error(`native continuation returned ${n}`);
  }
}

/** The interpreter found native frame ci on top after its callk callee returned: finish it. */
export function finishCcall(L: LuaThread, ci: CallInfo): void {
  if ((ci.callstatus & CIST_RECOVER) !== 0) {
    continueRecovery(L, ci);
    return;
  }
  if ((ci.callstatus & CIST_K) === 0) throw new Error('internal error: native frame without continuation');
  const n = runK(L, ci, LUA_OK);
  if (n >= 0) nativeReturn(L, ci, ci.base, n);
  else nativeRequest(L, ci, n);
}

/**
 * Call the value at stack[func] (nargs arguments after it): Lua closures get a frame (returns
 * false), natives run now (see callNative), other values go through __call (chained).
 */
export function callAny(L: LuaThread, func: number, nargs: number, nresults: number): boolean {
  const stack = L.stack;
  let fn = stack[func];
  for (let chain = 0; ; chain++) {
    if (fn instanceof LuaClosure) {
      pushLuaFrame(L, fn, func, nargs, nresults);
      return false;
    }
    if (fn instanceof NativeFunction) return callNative(L, fn, func, nargs, nresults);
    nargs = tryFuncTM(L, func, nargs, chain);
    fn = stack[func];
  }
}

/**
 * Insert the __call metamethod of stack[func] in front of it (luaD_tryfuncTM); returns nargs + 1.
 * A chain of __call objects is followed; after MAX_CALL_CHAIN links it fails with "stack
 * overflow" (the reference grows the stack one slot per link with quadratic cost, ending with
 * the same error after minutes for a cyclic chain).
 */
export function tryFuncTM(L: LuaThread, func: number, nargs: number, chain: number): number {
  const stack = L.stack;
  const fn = stack[func];
  const tm = getMetamethod(L.state, fn, '__call');
  if (tm === undefined) callError(L, fn);
  if (chain >= MAX_CALL_CHAIN) throw new LuaException('stack overflow', true);
  if (func + nargs + 2 > stack.length) growStack(L, func + nargs + 2 + LUA_MINSTACK);
  for (let j = func + nargs; j >= func; j--) stack[j + 1] = stack[j];
  stack[func] = tm;
  L.top = func + 2 + nargs;
  return nargs + 1;
}

const MAX_CALL_CHAIN = 1000;

/** luaD_call: call stack[func] with the arguments up to L.top, running Lua code to completion. */
export function callValue(L: LuaThread, func: number, nresults: number): void {
  const level = L.ciIdx;
  if (!callAny(L, func, L.top - func - 1, nresults)) execute(L, level);
}

/**
 * Call the function at stack[func] with the arguments above it up to L.top, as a C function's
 * lua_call does: counted as a C call, not yieldable (natives, __close, gsub replacements).
 */
export function callNoYield(L: LuaThread, func: number, nresults: number): void {
  L.nny++;
  try {
    incCcalls(L);
    callValue(L, func, nresults);
  } finally {
    L.nny--;
    L.nCcalls--;
  }
}

/**
 * fn(x, y) from a native, non-yieldable, first result only: callFromNative without the
 * argument and result arrays (table.sort's comparator runs once per comparison).
 */
export function callNoYield2(L: LuaThread, fn: LuaValue, x: LuaValue, y: LuaValue): LuaValue {
  const stack = L.stack;
  const func = L.top;
  if (func + 3 + LUA_MINSTACK > stack.length) {
    if (func + 3 > L.stackLimit) throw new LuaException('stack overflow', true);
    growStack(L, func + 3 + LUA_MINSTACK);
  }
  stack[func] = fn;
  stack[func + 1] = x;
  stack[func + 2] = y;
  L.top = func + 3;
  callNoYield(L, func, 1);
  L.top = func;
  return stack[func];
}

/** L.call: non-yieldable call from a native, results as an array. */
export function callFromNative(L: LuaThread, fn: LuaValue, args: LuaValue[]): LuaValue[] {
  const stack = L.stack;
  const func = L.top;
  const n = args.length;
  if (func + 1 + n + LUA_MINSTACK > stack.length) {
    if (func + 1 + n > L.stackLimit) throw new LuaException('stack overflow', true);
    growStack(L, func + 1 + n + LUA_MINSTACK);
  }
  stack[func] = fn;
  for (let j = 0; j < n; j++) stack[func + 1 + j] = args[j];
  L.top = func + 1 + n;
  callNoYield(L, func, -1);
  const res = stack.slice(func, L.top);
  L.top = func;
  return res;
}

// ---- upvalues and to-be-closed variables -----------------------------------------------------

/** The open upvalue for stack slot `level`, created if needed (luaF_findupval). */
export function findUpval(L: LuaThread, level: number): UpVal {
  const list = L.openupval;
  let i = list.length - 1;
  for (; i >= 0; i--) {
    const uv = list[i];
    if (uv.idx === level) return uv;
    if (uv.idx < level) break;
  }
  const uv = new UpVal(L.stack, level);
  if (i === list.length - 1) list.push(uv);
  else list.splice(i + 1, 0, uv);
  return uv;
}

/** Close the open upvalues at or above `level`. */
export function closeUpvals(L: LuaThread, level: number): void {
  const list = L.openupval;
  const stack = L.stack;
  while (list.length > 0) {
    const uv = list[list.length - 1];
    if (uv.idx < level) break;
    list.pop(); // (pop, not `length =`: setting the length is a slow path in V8)
    uv.value = stack[uv.idx];
    uv.open = false;
  }
}

/** TBC: mark stack[idx] as to-be-closed; "variable 'x' got a non-closable value". */
export function markTbc(L: LuaThread, ci: CallInfo, idx: number): void {
  const v = L.stack[idx];
  if (v === undefined || v === false) return;
  if (getMetamethod(L.state, v, '__close') === undefined) {
    const p = ci.cl!.proto;
    const name = getlocalname(p, idx - ci.base + 1, currentpc(ci)) ?? '?';
    throw new LuaException(`variable '${name}' got a non-closable value`, true);
  }
  L.tbcList.push(idx);
}

/** Status of the last closeProtected: true if some __close raised an error. */
export let closeFailed = false;

/**
 * Close upvalues and to-be-closed variables at or above `level` after an error (or for
 * coroutine.close), not yieldable. `err` is passed to the __close metamethods (undefined: no
 * error); an error in a __close replaces it and closing continues. Returns the final error.
 */
export function closeProtected(L: LuaThread, level: number, err: LuaValue, hasError: boolean): LuaValue {
  const savedIdx = L.ciIdx;
  const stack = L.stack;
  const list = L.tbcList;
  closeFailed = false;
  closeUpvals(L, level);
  while (list.length > 0 && list[list.length - 1] >= level) {
    const idx = list.pop()!;
    const v = stack[idx];
    try {
      const tm = getMetamethod(L.state, v, '__close');
      const pos = idx + 1;
      if (pos + 3 + LUA_MINSTACK > stack.length) growStack(L, pos + 3 + LUA_MINSTACK);
      stack[pos] = tm;
      stack[pos + 1] = v;
      stack[pos + 2] = hasError ? err : undefined;
      L.top = pos + 3;
      callNoYield(L, pos, 0);
    } catch (e) {
      const ex = tryPrepareError(L, e);
      if (ex === undefined) throw e;
      err = ex.value;
      hasError = true;
      closeFailed = true;
      L.ciIdx = savedIdx;
      L.ci = L.cis[savedIdx];
      closeUpvals(L, level);
    }
  }
  L.top = level;
  return err;
}

// ---- error recovery ---------------------------------------------------------------------------

/**
 * Recover from a Lua error caught by the interpreter running above `stopLevel`: find the
 * innermost protected call (CIST_YPCALL) among the frames above stopLevel, unwind to it and
 * finish it (its continuation receives the error). Throws the error if there is none.
 */
export function handleException(L: LuaThread, e: unknown, stopLevel: number): void {
  if (e === SAFEPOINT_SUSPEND) {
    suspendAtSafePoint(L);
    return;
  }
  for (;;) {
    const ex = tryPrepareError(L, e);
    if (ex === undefined) throw e;
    let idx = L.ciIdx;
    if (ex.fatal) idx = stopLevel; // a fatal (host limit) error: no pcall catches it
    while (idx > stopLevel && (L.cis[idx].callstatus & CIST_YPCALL) === 0) idx--;
    if (idx <= stopLevel) throw ex;
    try {
      recover(L, idx, ex);
      return;
    } catch (e2) {
      e = e2;
    }
  }
}

/**
 * Unwind to protected-call frame idx and start its recovery: the to-be-closed variables above
 * it are closed by calls made from that frame (so a __close can yield, as in the reference's
 * finishpcallk); an error in a __close recovers again at the same frame with the new error.
 */
function recover(L: LuaThread, idx: number, ex: LuaException): void {
  const pci = L.cis[idx];
  L.ciIdx = idx;
  L.ci = pci;
  L.yielded = false;
  pci.callstatus |= CIST_RECOVER;
  pci.recErr = ex.value;
  continueRecovery(L, pci);
}

/** Close the next pending variables of a recovering pcall frame, then run its continuation. */
function continueRecovery(L: LuaThread, pci: CallInfo): void {
  const stack = L.stack;
  const level = pci.kfunc;
  const list = L.tbcList;
  closeUpvals(L, level);
  while (list.length > 0 && list[list.length - 1] >= level) {
    const i = list.pop()!;
    const v = stack[i];
    const pos = i + 1;
    if (pos + 3 + LUA_MINSTACK > stack.length) growStack(L, pos + 3 + LUA_MINSTACK);
    stack[pos] = getMetamethod(L.state, v, '__close');
    stack[pos + 1] = v;
    stack[pos + 2] = pci.recErr;
    L.top = pos + 3;
    // a Lua __close (or a yield) continues in the loop; its return re-enters here (finishCcall)
    if (!callAny(L, pos, 2, 0)) return;
  }
  const err = pci.recErr;
  pci.recErr = undefined;
  pci.callstatus &= ~(CIST_YPCALL | CIST_K | CIST_RECOVER);
  L.errfunc = pci.oldErrfunc;
  L.nCcalls = pci.oldNCcalls;
  stack[level] = err;
  L.top = level + 1;
  resetStackLimit(L);
  const k = pci.k!;
  pci.k = null;
  const n = k(L, pci.base, level, 1, LUA_ERRRUN);
  if (n >= 0) nativeReturn(L, pci, pci.base, n);
  else nativeRequest(L, pci, n);
}

// ---- stack renewal ---------------------------------------------------------------------------

/** Largest stack renewStack copies (the copy costs ~0.5 ns a slot; deep stacks are left old). */
const RENEW_MAX_SLOTS = 1024;

/**
 * Replace L.stack by a copy of itself and return it. Why: V8 promotes the long-lived stack
 * array to the old generation, and storing a young object (every float result is a fresh
 * HeapNumber, every new table...) into an old object runs the generational write barrier's
 * slow path (~4 ns a store, more than the allocation itself). A stack copied more often than
 * V8 scavenges stays young and its stores skip the barrier (docs/performance.md, item 23).
 * Only the execute at L.movableLevel calls this, at a backward jump: every JS frame below it
 * re-reads L.stack afterwards, and none above it exists. Open upvalues point to the new array.
 */
export function renewStack(L: LuaThread): LuaValue[] {
  const old = L.stack;
  if (old.length > RENEW_MAX_SLOTS) return old;
  const s = old.slice();
  L.stack = s;
  const list = L.openupval;
  for (let j = 0; j < list.length; j++) list[j].stack = s;
  return s;
}

/**
 * The interpreter's backward jumps call this when the decremented safeCount sc is <= 0 (the
 * safe point) or a multiple of 4096 (the stack renewal tick). Returns the stack to use.
 */
export function safePointTick(L: LuaThread, sc: number, stopLevel: number): LuaValue[] {
  if (sc <= 0) L.state.onSafePoint(L);
  return stopLevel === L.movableLevel ? renewStack(L) : L.stack;
}

// ---- protected calls for hosts (L.pcall) --------------------------------------------------------

/** The native host frame of L.pcall: calls its first argument with the others. */
const HOST = new NativeFunction('?', (L, base, nargs) => {
  L.top = base + nargs;
  // lua.c runs the chunk through two C calls (pmain, then docall's lua_pcall): count both
  incCcalls(L);
  try {
    callValue(L, base, -1);
  } finally {
    L.nCcalls--;
  }
  return L.top - base;
});

export function protectedCall(
  L: LuaThread, fn: LuaValue, args: LuaValue[], handler: LuaValue | undefined,
): { ok: boolean; values: LuaValue[]; fatal?: boolean } {
  const level = L.ciIdx;
  const oldTop = L.top;
  const oldNny = L.nny;
  const oldNC = L.nCcalls;
  const oldErrfunc = L.errfunc;
  const oldMovable = L.movableLevel;
  const stack = L.stack;
  // +2: the slots of lua.c's pmain arguments, so the stack depth available to the chunk (and
  // the level counts of stack-overflow tracebacks) match the reference interpreter's
  let func = (L.ci.cl !== null && L.ci.top > oldTop ? L.ci.top : oldTop) + 2;
  const need = func + 3 + args.length + LUA_MINSTACK;
  if (need > stack.length) {
    if (need > L.stackLimit) return { ok: false, values: ['stack overflow'] };
    growStack(L, need);
  }
  if (handler !== undefined) {
    stack[func] = handler;
    L.errfunc = func;
    func++;
  }
  stack[func] = HOST;
  stack[func + 1] = fn;
  for (let j = 0; j < args.length; j++) stack[func + 2 + j] = args[j];
  L.top = func + 2 + args.length;
  L.nny++;
  // an idle thread: the chunk's execute (under the HOST frame) may renew the stack
  if (level === 0) L.movableLevel = level + 1;
  try {
    incCcalls(L);
    callValue(L, func, -1);
    return { ok: true, values: L.stack.slice(func, L.top) };
  } catch (e) {
    let err: LuaValue;
    let fatal = false;
    try {
      const ex = tryPrepareError(L, e) ?? new LuaException('stack overflow');
      err = ex.value;
      fatal = ex.fatal;
    } catch (e2) {
      // a foreign JS error: restore the thread and let it propagate
      L.ciIdx = level;
      L.ci = L.cis[level];
      closeUpvals(L, func);
      while (L.tbcList.length > 0 && L.tbcList[L.tbcList.length - 1] >= func) L.tbcList.pop();
      throw e2;
    }
    L.ciIdx = level;
    L.ci = L.cis[level];
    L.yielded = false;
    err = closeProtected(L, func, err, true);
    return fatal ? { ok: false, values: [err], fatal } : { ok: false, values: [err] };
  } finally {
    L.movableLevel = oldMovable;
    L.nny = oldNny;
    L.nCcalls = oldNC;
    L.errfunc = oldErrfunc;
    L.top = oldTop;
    resetStackLimit(L);
  }
}


// ---- suspending at a safe point (time slices of the embedding API) ----------------------------

/**
 * Thrown by S.safePointHook at an interpreter safe point (the running frame is a Lua frame
 * and the thread is yieldable) to suspend the running coroutine there, as if the code had
 * called coroutine.yield(SAFEPOINT_SUSPEND.marker). The interpreter's catch hands it to
 * handleException, which calls suspendAtSafePoint; resuming the coroutine continues the
 * interrupted instruction.
 */
export const SAFEPOINT_SUSPEND: { marker: LuaValue } = { marker: undefined };

/** The continuation of the suspension frame: restore L.top as it was at the safe point. */
const restoreTop: NativeK = (L) => {
  L.top = L.ci.aux;
  return 0;
};

const suspendFrameFn = new NativeFunction('?', () => 0);

/**
 * Suspend L at the safe point of its running Lua frame: rewind the frame's pc so the
 * instruction that reached the safe point runs again on resume (every safe point comes before
 * the instruction has any effect, except FORLOOP, whose jump target is taken instead), then
 * push a native frame with a continuation (restores L.top) and a yield frame on top of it.
 */
function suspendAtSafePoint(L: LuaThread): void {
  const lci = L.ci;
  const p = lci.cl!.proto;
  const inst = p.code[lci.savedpc - 1];
  if ((inst & 0xff) === Op.FORLOOP) lci.savedpc -= inst >>> 16;
  else lci.savedpc--;
  const savedTop = L.top;
  const func = lci.top > L.top ? lci.top : L.top;
  if (func + 3 + LUA_MINSTACK > L.stack.length) growStack(L, func + 3 + LUA_MINSTACK);
  const stack = L.stack;
  stack[func] = suspendFrameFn;
  let idx = L.ciIdx + 1;
  const a = L.cis[idx] ?? newCallInfo(L, idx);
  a.func = func;
  a.top = func + 1;
  a.nresults = 0;
  a.callstatus = CIST_C | CIST_K;
  a.cl = null;
  a.k = restoreTop;
  a.kfunc = func + 1;
  a.aux = savedTop;
  idx++;
  const b = L.cis[idx] ?? newCallInfo(L, idx);
  stack[func + 1] = suspendFrameFn;
  b.func = func + 1;
  b.top = func + 3;
  b.nresults = -1;
  b.callstatus = CIST_C;
  b.cl = null;
  b.k = null;
  stack[func + 2] = SAFEPOINT_SUSPEND.marker;
  L.ciIdx = idx;
  L.ci = b;
  L.top = func + 3;
  L.yielded = true;
  L.yieldFirst = func + 2;
  L.yieldCount = 1;
}

/** A placeholder userdata (the default suspension marker). */
SAFEPOINT_SUSPEND.marker = new LuaUserdata(null);
