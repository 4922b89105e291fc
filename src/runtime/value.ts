// Lua values as plain JavaScript values. See docs/architecture.md, "Value representation".
//
//   nil                  undefined
//   boolean              true / false
//   integer (fast)       a JS number with an integral value in [-(2^53-1), 2^53-1]; never -0
//   integer (wide)       a JS bigint, only for integers outside that range (canonical: a bigint
//                        is never used for a value that fits the fast range)
//   float                a JS number with a NON-integral value (1.5, NaN, Infinity, -Infinity),
//                        or a LuaFloat box for floats with an integral value (1.0, -0.0, 1e300)
//   string               a JS string whose char codes are all 0..255: one char per byte
//   table                LuaTable
//   function             LuaFunction (LuaClosure and NativeFunction in vm/function.ts)
//   userdata             LuaUserdata
//   thread               LuaThreadBase (the coroutine object; vm/thread.ts extends it)
//
// Because each value has exactly one representation, raw equality of two integers, two
// non-integral floats, two strings, booleans or objects is JS `===`. Mixed integer/float
// comparison goes through runtime/number.ts.

import type { LuaTable } from './table.js';

export type LuaValue =
  | undefined
  | boolean
  | number
  | bigint
  | string
  | LuaFloat
  | LuaTable
  | LuaFunction
  | LuaUserdata
  | LuaThreadBase;

/** A float whose value is integral (or -0.0). Non-integral floats are plain JS numbers. */
export class LuaFloat {
  constructor(readonly n: number) {}
}

/** Largest integer held as a JS number; larger magnitudes are bigints. */
export const MAX_FAST_INT = 9007199254740991; // 2^53 - 1
export const MIN_FAST_INT = -9007199254740991;

/** Box a JS number computed as a Lua float result. */
export function mkfloat(x: number): number | LuaFloat {
  return Number.isInteger(x) ? new LuaFloat(x) : x;
}

/** Canonical Lua integer from a bigint already wrapped to 64 bits. */
export function mkint(v: bigint): number | bigint {
  return v >= -9007199254740991n && v <= 9007199254740991n ? Number(v) : v;
}

/** Base of every callable Lua function object. */
export abstract class LuaFunction {
  /** Name used in messages when no call-site name is known (natives: 'print'). */
  abstract readonly name: string;
}

/**
 * A new empty array whose V8 elements kind is generic (PACKED_ELEMENTS) whatever is pushed
 * later. For arrays that one instruction site reads for many functions (Proto.constants): a
 * literal `[]` of only integers stays PACKED_SMI and one of only non-integral floats becomes
 * PACKED_DOUBLE (whose reads box a fresh HeapNumber), and each map a site has not seen
 * deoptimises `execute` ("wrong map").
 */
export function genericArray<T>(): T[] {
  const a = [undefined] as T[];
  a.pop();
  return a;
}

export class LuaUserdata {
  metatable: LuaTable | undefined = undefined;
  /** User values (lua_newuserdatauv's nuvalue slots; debug.getuservalue); none by default. */
  uservalues: LuaValue[] | undefined = undefined;
  /** The user value (uservalue in the C API); arbitrary host data. */
  constructor(public data: unknown) {}
}

/** The coroutine object. Defined here so the runtime layer can name its type. */
export abstract class LuaThreadBase {
  // (type-only brand: a class without members would match every type structurally, and
  // narrowing a LuaValue by assignment would keep LuaThreadBase in every union)
  declare private readonly threadBrand: true;
}

export function isFalsy(v: LuaValue): boolean {
  return v === undefined || v === false;
}
