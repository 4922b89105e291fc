// Coroutine internals: create, resume (one nested `execute` per active resume; yields return
// from it without JS recursion), close. The library functions are in stdlib/coroutine.ts.

import { LuaUserdata, type LuaValue } from '../runtime/value.js';
import { LuaException } from '../runtime/error.js';
import { LuaThread } from './state.js';
import {
  MAXCCALLS, callAny, closeProtected, closeFailed, nativeReturn, tryPrepareError,
} from './calls.js';
import { execute } from './interpreter.js';
import { closeUpvals } from './calls.js';

/** A new coroutine running fn (not started). */
export function newCoroutine(L: LuaThread, fn: LuaValue): LuaThread {
  const co = new LuaThread(L.state);
  co.stack[1] = fn;
  co.top = 2;
  co.status = 'suspended';
  return co;
}

/** Error value of the last failed resume (set when resume returns -1). */
export let resumeError: LuaValue = undefined;

/**
 * Resume co with the nargs values src[first..] (lua_resume). Returns the number n of values
 * transferred (yielded or returned), which are co.stack[co.top - n .. co.top - 1]; or -1 on
 * error (the coroutine died, or could not be resumed), with the error value in resumeError.
 */
export function resume(from: LuaThread, co: LuaThread, src: LuaValue[], first: number, nargs: number): number {
  if (co.status === 'dead') return fail('cannot resume dead coroutine');
  if (co.status !== 'suspended') return fail('cannot resume non-suspended coroutine');
  // (the reference's limit is one level lower for resume than for other C calls)
  if (from.nCcalls >= MAXCCALLS - 1) return fail('C stack overflow');
  const S = co.state;
  const starting = !co.yielded;
  const cstack = co.stack;
  // where the arguments go: after the function (start) or into the yield's frame (resume)
  const dst = starting ? 2 : co.ci.base;
  if (dst + nargs + 20 > cstack.length) {
    if (dst + nargs > co.stackLimit) return fail('too many arguments to resume');
    while (cstack.length < dst + nargs + 20) cstack.push(undefined);
  }
  for (let j = 0; j < nargs; j++) cstack[dst + j] = src[first + j];
  co.nCcalls = from.nCcalls + 1;
  const prev = S.current;
  const prevStatus = from.status;
  from.status = 'normal';
  co.status = 'running';
  S.current = co;
  // co's base execute may renew co.stack (calls.ts renewStack): nothing below reads cstack after it
  co.movableLevel = 0;
  try {
    if (starting) {
      co.top = 2 + nargs;
      if (!callAny(co, 1, nargs, -1) && !co.yielded) execute(co, 0);
    } else {
      co.yielded = false;
      const yci = co.ci;
      co.top = dst + nargs;
      nativeReturn(co, yci, dst, nargs);
      execute(co, 0);
    }
    if (co.yielded) {
      co.status = 'suspended';
      const n = co.yieldCount;
      // move the yielded values to the top of the yielding native's area
      const f = co.yieldFirst;
      co.top = f + n;
      return n;
    }
    co.status = 'dead';
    return co.top - 1;
  } catch (e) {
    co.status = 'dead';
    co.yielded = false;
    co.errored = true;
    co.errorValue = 'stack overflow';
    let ex: LuaException | undefined;
    try {
      ex = tryPrepareError(co, e);
    } catch (e2) {
      co.errorValue = undefined;
      throw e2; // a foreign JS error
    }
    if (ex === undefined) throw e; // no JS stack left here: the resumer's handler converts it
    co.errorValue = ex.value;
    if (ex.fatal) throw ex; // a host limit: not stopped by coroutine.resume
    resumeError = ex.value;
    return -1;
  } finally {
    co.movableLevel = -1;
    S.current = prev;
    from.status = prevStatus;
  }
}

function fail(msg: string): number {
  resumeError = msg;
  return -1;
}

/**
 * lua_resetthread for coroutine.close and for wrap after an error: unwind co and close its
 * pending to-be-closed variables (with its error, if it died by one). Returns undefined on
 * success or { err } with the error (the original one or one raised by a __close).
 */
export function closeThread(from: LuaThread, co: LuaThread): { err: LuaValue } | undefined {
  const hadError = co.errored;
  let err = hadError ? co.errorValue : undefined;
  co.ciIdx = 0;
  co.ci = co.cis[0];
  co.yielded = false;
  co.errored = false;
  co.errorValue = undefined;
  co.nny = 0;
  co.errfunc = 0;
  const S = co.state;
  const prev = S.current;
  const prevStatus = from.status;
  from.status = 'normal';
  co.status = 'running';
  S.current = co;
  co.nCcalls = from.nCcalls;
  let failed = hadError;
  try {
    err = closeProtected(co, 1, err, hadError);
    if (closeFailed) failed = true;
  } finally {
    closeUpvals(co, 0);
    co.tbcList.length = 0;
    co.status = 'dead';
    co.top = 1;
    S.current = prev;
    from.status = prevStatus;
  }
  return failed ? { err } : undefined;
}

/**
 * A request of the host machinery (the embedding API's awaits and time slices) yielded by a
 * coroutine: coroutine.resume and coroutine.wrap do not return it to the Lua code but yield it
 * on to their own resumer, up to the host's driver, and resume the inner coroutine with what
 * they are resumed with. Where that is impossible (the resumer cannot yield), the inner
 * coroutine is resumed at once with `fallback()`.
 */
export class HostRequest extends LuaUserdata {
  constructor(readonly fallback: () => LuaValue[]) {
    super(null);
  }
}
