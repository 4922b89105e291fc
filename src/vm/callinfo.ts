// Call-frame records. One CallInfo per active call (Lua or native) of a thread; the records live
// in LuaThread.cis and are reused (never freed while the thread lives), so a call allocates
// nothing. See the header of interpreter.ts for the frame layout.

import type { LuaClosure, NativeK } from './function.js';
import type { LuaValue } from '../runtime/value.js';

/** The frame runs a native function (also set on the base frame of every thread). */
export const CIST_C = 1;
/** Lua frame whose current instruction called a metamethod; finish it (finishOp) on return. */
export const CIST_PENDING = 2;
/** Native frame running a protected call (pcall/xpcall via L.pcallk). */
export const CIST_YPCALL = 4;
/** Frame reached by a tail call (its caller is unknown). */
export const CIST_TAIL = 8;
/** Native frame waiting for a callk continuation. */
export const CIST_K = 16;
/** Protected-call frame recovering from an error: closing to-be-closed variables (recErr). */
export const CIST_RECOVER = 32;
/** Frame interrupted by a running debug hook (the hook function is named "hook '?'"). */
export const CIST_HOOKED = 64;
/** Lua frame evaluating `a <= b` as `not (b < a)` with __lt (no __le; LUA_COMPAT_LT_LE, which the
 * reference lua5.4 is built with): finishOp negates the metamethod's result. */
export const CIST_LEQ = 128;

export class CallInfo {
  /** Stack index of the function (for vararg Lua functions: of the copy above the varargs). */
  func = 0;
  /** First register / first argument: always func + 1 (a getter, so a call writes one field less). */
  get base(): number {
    return this.func + 1;
  }
  /** Lua: base + maxstacksize (first slot free for metamethod calls). Native: base + nargs at entry. */
  top = 0;
  /** Lua: index of the next instruction (the current one is savedpc - 1) while not running. */
  savedpc = 0;
  /** Results the caller expects (-1: all, setting L.top). */
  nresults = 0;
  callstatus = 0;
  /** Vararg Lua functions: number of extra arguments (stored just below func). */
  nextraargs = 0;
  /** The Lua closure (null for natives). */
  cl: LuaClosure | null = null;

  // ---- natives: callk continuations and protected calls --------------------------------------
  k: NativeK | null = null;
  /** Stack index where the function of the callk was placed (its results land there). */
  kfunc = 0;
  oldErrfunc = 0;
  oldNCcalls = 0;
  /** CIST_RECOVER: the error being propagated to the continuation (passed to __close). */
  recErr: LuaValue = undefined;

  // ---- Lua frames with a pending metamethod call ------------------------------------------------
  /** Stack slot of the metamethod call (its result lands there). */
  mmPos = 0;
  /** Extra state for finishOp: CONCAT elements left; RETURN value count. */
  aux = 0;
}
