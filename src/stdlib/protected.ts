// pcall, xpcall and error (manual §6.1), as lbaselib.c of the reference (5.4.4). The base
// library registers them (`protectedFunctions`).
//
// pcall/xpcall do not call the function from JS: they ask the VM for a protected call with a
// continuation (L.pcallk), so the callee runs in the interpreter loop and a coroutine can yield
// across them. xpcall's handler runs at the error point, before the stack is unwound.

import { LuaException } from '../runtime/error.js';
import { LUA_OK, type NativeFn, type NativeK } from '../vm/function.js';
import type { LuaThread } from '../vm/state.js';
import { checkAny, checkType, optInteger } from './aux.js';

/** finishpcall: results of the protected call, preceded by true; or false + the error. */
const finishPcall: NativeK = (L: LuaThread, base: number, first: number, nres: number, status: number) => {
  const stack = L.stack;
  if (status !== LUA_OK) {
    stack[base] = false;
    stack[base + 1] = stack[first];
    return 2;
  }
  // first === base + 1: the results already follow the slot of the status
  stack[base] = true;
  return nres + 1;
};

export const luaB_pcall: NativeFn = (L, base, nargs) => {
  checkAny(L, base, nargs, 1);
  const stack = L.stack;
  for (let j = nargs - 1; j >= 0; j--) stack[base + 1 + j] = stack[base + j];
  stack[base] = true;
  return L.pcallk(base + 1, nargs - 1, 0, finishPcall);
};

export const luaB_xpcall: NativeFn = (L, base, nargs) => {
  checkType(L, base, nargs, 2, 'function');
  const stack = L.stack;
  // [f, h, args...] -> [h, f, args...]: the handler stays below the call
  const f = stack[base];
  stack[base] = stack[base + 1];
  stack[base + 1] = f;
  return L.pcallk(base + 1, nargs - 2, base, finishPcall);
};

export const luaB_error: NativeFn = (L, base, nargs) => {
  const lv = optInteger(L, base, nargs, 2, 1);
  const level = typeof lv === 'bigint' ? (lv > 0n ? Number.MAX_SAFE_INTEGER : -1) : lv;
  let v = nargs >= 1 ? L.stack[base] : undefined;
  if (typeof v === 'string' && level > 0) v = L.where(level) + v;
  throw new LuaException(v);
};

/** For the base library: name -> native. */
export const protectedFunctions: Record<string, NativeFn> = {
  pcall: luaB_pcall,
  xpcall: luaB_xpcall,
  error: luaB_error,
};
