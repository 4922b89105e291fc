// Function objects: Lua closures (a Proto plus upvalues) and native functions.

import { LuaFunction, type LuaValue } from '../runtime/value.js';
import type { Proto } from '../bytecode/proto.js';
import type { LuaThread } from './state.js';
import { chargeMem, MEM_CLOSURE, MEM_UPVAL } from '../runtime/memory.js';

/**
 * The native-function calling convention (like a C function in PUC-Lua):
 * the arguments are L.stack[base .. base+nargs-1]; slots at or above base+nargs hold garbage and
 * must not be read as arguments. The function writes its results to L.stack[base],
 * L.stack[base+1], ... and returns how many it wrote. It raises Lua errors by throwing a
 * LuaException (see stdlib/aux.ts helpers).
 *
 * A negative return value is a VM control request, produced only through the LuaThread services
 * (never return these constants by hand):
 *   - `return L.yield(first, n)`            yield the n values at stack[first..] (coroutine.yield)
 *   - `return L.callk(func, nargs, k)`      call stack[func] with the nargs values after it, then
 *                                           continue in k (like lua_callk): yieldable
 *   - `return L.pcallk(func, nargs, errfunc, k)`  the same, protected (pcall/xpcall)
 * At least LUA_MINSTACK (20) slots above base+nargs are allocated when a native is called; a
 * native that writes more results than that must write them in increasing order (the stack array
 * then grows by appending) or call L.checkStack(n) first.
 */
export type NativeFn = (L: LuaThread, base: number, nargs: number) => number;

/**
 * Continuation of a native after L.callk / L.pcallk (lua_KFunction). `base` is the native's
 * base; the results of the call are stack[first .. first+nres-1]; `status` is OK (0) or ERRRUN
 * (2: the protected call failed; the error value is stack[first], nres = 1). Returns like a
 * NativeFn (a result count with the results written from base, or another control request).
 */
export type NativeK = (L: LuaThread, base: number, first: number, nres: number, status: number) => number;

/** Control requests returned by natives (see NativeFn). */
export const YIELD_REQUEST = -1;
export const CALLK_REQUEST = -2;

/** Status codes (lua.h). */
export const LUA_OK = 0;
export const LUA_YIELD = 1;
export const LUA_ERRRUN = 2;
export const LUA_ERRERR = 5;

/** NativeFunction.iterator: what a generic `for` may run inline instead of calling it. */
export const ITER_NONE = 0;
/** Behaves exactly like the base library's `next`. */
export const ITER_NEXT = 1;
/** Behaves exactly like the iterator function `ipairs` returns. */
export const ITER_IPAIRS = 2;

/** NativeFunction.builtin: what CALL may run inline instead of a native call (vm/builtins.ts). */
export const BUILTIN_NONE = 0;
/** Behaves exactly like the string library's `byte`. */
export const BUILTIN_STRBYTE = 1;
/** Behaves exactly like the string library's `sub`. */
export const BUILTIN_STRSUB = 2;
/** The math library's functions of those names (`math.log` with one argument only). */
export const BUILTIN_FLOOR = 3;
export const BUILTIN_CEIL = 4;
export const BUILTIN_ABS = 5;
export const BUILTIN_SQRT = 6;
export const BUILTIN_SIN = 7;
export const BUILTIN_COS = 8;
export const BUILTIN_EXP = 9;
export const BUILTIN_LOG = 10;
export const BUILTIN_MAX = 11;
export const BUILTIN_MIN = 12;
export const BUILTIN_MATHTYPE = 13;
/** The base library's `type` and `select`. */
export const BUILTIN_TYPE = 14;
export const BUILTIN_SELECT = 15;
/** The table library's `insert` (append form) and `remove`. */
export const BUILTIN_TINSERT = 16;
export const BUILTIN_TREMOVE = 17;
/** The base library's `tostring` (numbers and strings) and `tonumber` (one argument). */
export const BUILTIN_TOSTRING = 18;
export const BUILTIN_TONUMBER = 19;

export class NativeFunction extends LuaFunction {
  /**
   * A Lua value the function's JS closure keeps alive (coroutine.wrap's thread, gmatch's
   * subject), for the live-size walk of memory accounting (api/memory.ts).
   */
  refs: LuaValue = undefined;
  /**
   * Set by the base library on `next` and the ipairs iterator: TFORCALL then does their work
   * inline (for plain tables) instead of a native call. The identity of the function is the
   * guard: a redefined `next`/`ipairs` returns another function and takes the normal call.
   */
  iterator = ITER_NONE;
  /**
   * Set by the libraries on a few hot functions (`string.byte`, `string.sub`, `math.floor`,
   * `type`, `table.insert`, ...: the BUILTIN_* constants): CALL does their work inline for
   * ordinary arguments (vm/builtins.ts). The identity of the function is the guard.
   */
  builtin = BUILTIN_NONE;
  constructor(
    readonly name: string,
    readonly fn: NativeFn,
  ) {
    super();
  }
}

/** The initial value of UpVal.stack, never read. */
const NO_STACK: LuaValue[] = [];

/**
 * An upvalue. While open it refers to a live stack slot of `thread` (index `idx`); when the
 * variable goes out of scope it is closed: the value moves into `value` and `open` becomes false.
 */
export class UpVal {
  open = true;
  value: LuaValue = undefined;
  /** The thread's stack while open (re-pointed by vm/calls.ts renewStack). */
  stack: LuaValue[] = NO_STACK;
  constructor(
    stack: LuaValue[],
    public idx: number,
  ) {
    // (a second store: V8 then tracks the field as mutable, see LuaThread's constructor)
    this.stack = stack;
  }
  get(): LuaValue {
    return this.open === true ? this.stack[this.idx] : this.value;
  }
  set(v: LuaValue): void {
    if (this.open === true) this.stack[this.idx] = v;
    else this.value = v;
  }
}

export class LuaClosure extends LuaFunction {
  constructor(
    readonly proto: Proto,
    readonly upvals: UpVal[],
  ) {
    super();
    chargeMem(MEM_CLOSURE + MEM_UPVAL * upvals.length); // memory accounting (runtime/memory.ts)
  }
  get name(): string {
    return '?';
  }
}
