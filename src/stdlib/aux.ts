// The auxiliary library for native functions (PUC-Lua's lauxlib): argument access and checks
// with the reference's error messages, errors with positions, and library registration.
// Argument numbers `i` are 1-based, as in the messages ("bad argument #1 to 'rep'").

import { LuaException } from '../runtime/error.js';
import { LuaTable } from '../runtime/table.js';
import type { LuaValue } from '../runtime/value.js';
import { isNumber, numberToString, toInteger, toFloat, toNumber } from '../runtime/number.js';
import { NativeFunction, type NativeFn } from '../vm/function.js';
import type { LuaState, LuaThread } from '../vm/state.js';
import { typeName, getMetatable } from '../vm/ops.js';

/** Raise a Lua error with the position of the calling Lua code (luaL_error). */
export function luaError(L: LuaThread, msg: string): never {
  throw new LuaException(L.where(1) + msg);
}

/** luaL_argerror: "bad argument #i to 'name' (msg)", or "calling 'm' on bad self". */
export function argError(L: LuaThread, i: number, msg: string): never {
  const { name, namewhat } = L.funcName(0);
  let fname = name;
  if (namewhat === 'method') {
    i--;
    if (i === 0) return luaError(L, `calling '${fname ?? '?'}' on bad self (${msg})`);
  }
  if (fname === undefined) fname = L.globalFuncName(0) ?? '?'; // as luaL_argerror's pushglobalfuncname
  return luaError(L, `bad argument #${i} to '${fname}' (${msg})`);
}

/**
 * The string as C sees it (lua_tostring's char*): up to its first "\0". The reference passes
 * file names, modes, options and __name through C string functions, which stop there.
 */
export function cString(s: string): string {
  const k = s.indexOf('\0');
  return k < 0 ? s : s.slice(0, k);
}

/** Type name for messages: __name of the metatable if it is a string, else the type (luaL_typename/typeerror). */
function nameForTypeError(L: LuaThread, v: LuaValue): string {
  const mt = getMetatable(L.state, v);
  const n = mt?.getStr('__name');
  if (typeof n === 'string') return cString(n);
  return typeName(v);
}

/** luaL_typeerror: "bad argument #i to 'f' (number expected, got nil)". */
export function typeError(L: LuaThread, base: number, nargs: number, i: number, expected: string): never {
  const got = i > nargs ? 'no value' : nameForTypeError(L, L.stack[base + i - 1]);
  return argError(L, i, `${expected} expected, got ${got}`);
}

/** Argument i, or undefined if absent. */
export function arg(L: LuaThread, base: number, nargs: number, i: number): LuaValue {
  return i <= nargs ? L.stack[base + i - 1] : undefined;
}

export function checkAny(L: LuaThread, base: number, nargs: number, i: number): LuaValue {
  if (i > nargs) argError(L, i, 'value expected');
  return L.stack[base + i - 1];
}

/** A Lua integer (number | bigint); floats with exact integer values and numeric strings convert. */
export function checkInteger(L: LuaThread, base: number, nargs: number, i: number): number | bigint {
  const v = arg(L, base, nargs, i);
  const n = toInteger(v);
  if (n !== undefined) return n;
  if (toNumber(v) !== undefined) argError(L, i, 'number has no integer representation');
  return typeError(L, base, nargs, i, 'number');
}

export function optInteger(L: LuaThread, base: number, nargs: number, i: number, def: number | bigint): number | bigint {
  const v = arg(L, base, nargs, i);
  return v === undefined ? def : checkInteger(L, base, nargs, i);
}

/**
 * An integer argument as a JS number, clamped to +-2^53 (for sizes, positions and counts where
 * larger magnitudes behave the same as the clamp).
 */
export function checkInt(L: LuaThread, base: number, nargs: number, i: number): number {
  const n = checkInteger(L, base, nargs, i);
  if (typeof n === 'number') return n;
  return n > 0n ? Number.MAX_SAFE_INTEGER : -Number.MAX_SAFE_INTEGER;
}

export function optInt(L: LuaThread, base: number, nargs: number, i: number, def: number): number {
  const v = arg(L, base, nargs, i);
  return v === undefined ? def : checkInt(L, base, nargs, i);
}

/** A number argument as a Lua number value (integer or float; numeric strings convert). */
export function checkNumber(L: LuaThread, base: number, nargs: number, i: number): LuaValue {
  const v = arg(L, base, nargs, i);
  if (isNumber(v)) return v;
  const n = toNumber(v);
  if (n !== undefined) return n;
  return typeError(L, base, nargs, i, 'number');
}

/** A number argument as a JS float. */
export function checkFloat(L: LuaThread, base: number, nargs: number, i: number): number {
  return toFloat(checkNumber(L, base, nargs, i));
}

export function optFloat(L: LuaThread, base: number, nargs: number, i: number, def: number): number {
  const v = arg(L, base, nargs, i);
  return v === undefined ? def : checkFloat(L, base, nargs, i);
}

/** A string argument; numbers are converted as the reference does (luaL_checklstring). */
export function checkString(L: LuaThread, base: number, nargs: number, i: number): string {
  const v = arg(L, base, nargs, i);
  if (typeof v === 'string') return v;
  if (isNumber(v)) return numberToString(v);
  return typeError(L, base, nargs, i, 'string');
}

export function optString(L: LuaThread, base: number, nargs: number, i: number, def: string): string {
  const v = arg(L, base, nargs, i);
  return v === undefined ? def : checkString(L, base, nargs, i);
}

export function checkTable(L: LuaThread, base: number, nargs: number, i: number): LuaTable {
  const v = arg(L, base, nargs, i);
  if (v instanceof LuaTable) return v;
  return typeError(L, base, nargs, i, 'table');
}

/** luaL_checktype for the named type ('table', 'function', ...). */
export function checkType(L: LuaThread, base: number, nargs: number, i: number, type: string): LuaValue {
  const v = arg(L, base, nargs, i);
  if (i > nargs || typeName(v) !== type) typeError(L, base, nargs, i, type);
  return v;
}

/** luaL_checkoption: one of `options`, else "invalid option 'x'". */
export function checkOption(L: LuaThread, base: number, nargs: number, i: number, def: string | undefined, options: readonly string[]): string {
  const s = def !== undefined && arg(L, base, nargs, i) === undefined ? def : checkString(L, base, nargs, i);
  // strcmp: the option ends at its first "\0"
  if (options.includes(cString(s))) return cString(s);
  return argError(L, i, `invalid option '${cString(s)}'`);
}

/** Write results and return their count (for natives returning several values). */
export function ret(L: LuaThread, base: number, ...values: LuaValue[]): number {
  const s = L.stack;
  for (let k = 0; k < values.length; k++) s[base + k] = values[k];
  return values.length;
}

/** Make a native function object. */
export function nativeFn(name: string, fn: NativeFn): NativeFunction {
  return new NativeFunction(name, fn);
}

/** Build a library table from name -> native function. */
export function newLib(funcs: Record<string, NativeFn>): LuaTable {
  const t = new LuaTable();
  for (const name of Object.keys(funcs)) t.setStr(name, new NativeFunction(name, funcs[name]));
  return t;
}

/** Register a library: globals[name] = lib and package.loaded[name] = lib. */
export function registerLib(S: LuaState, name: string, lib: LuaTable): void {
  S.globals.setStr(name, lib);
  S.loaded.setStr(name, lib);
}
