// Lua number semantics on the value representation of value.ts (see docs/architecture.md).
//
// Integers are 64-bit two's complement and wrap on overflow. They are JS numbers in
// [-(2^53-1), 2^53-1] and bigints outside (canonical, see value.ts `mkint`). Floats are JS numbers
// (non-integral values, NaN, +-Infinity) or LuaFloat boxes (integral values and -0.0).
// Every function here returns canonical values.
//
// Helper families (for the interpreter's slow paths and the standard library):
//   intAdd/intSub/intMul/intIdiv/intMod(a, b)      two FAST integers (JS numbers) -> integer
//   i64Add/i64Sub/i64Mul/i64Idiv/i64Mod(a, b)      any two integers (number | bigint) -> integer
//   i64Band/i64Bor/i64Bxor/i64Shl/i64Shr/i64Bnot   bitwise on integers (number | bigint)
//   i64Unm(a), i64Eq, i64Lt, i64Le, i64Ult          negation, comparisons (ult: unsigned)
//   fltIdiv/fltMod/fltPow(a, b)                    float semantics on raw JS numbers (result is a
//                                                  raw JS number: wrap it with mkfloat)
//   numAdd/numSub/numMul/numDiv/numPow/numIdiv/numMod/numUnm(a, b)
//                                                  two Lua NUMBERS (no strings) -> number
//   arith(op, a, b)                                generic, with string coercion for arithmetic
//
// NaN: Moonlet prints the sign of NaNs as glibc does ("-nan"/"nan"). JS arithmetic on x86
// produces the same NaN bit patterns as C (0/0 is the negative default NaN, negation flips the
// sign, operations propagate an operand NaN); where a JS builtin differs from the C library
// (fmod, pow, log) the helpers here produce the C result explicitly.

import { LuaFloat, mkfloat, mkint, type LuaValue } from './value.js';
import { runtimeError } from './error.js';
import { stringToNumber } from './numparse.js';
import { formatFloat, fmtG14 } from './numfmt.js';
import { crPow } from './libm.js';

export { stringToNumber } from './numparse.js';

/** Arithmetic and bitwise operators by name. */
export type ArithOp =
  | 'add' | 'sub' | 'mul' | 'mod' | 'pow' | 'div' | 'idiv'
  | 'band' | 'bor' | 'bxor' | 'shl' | 'shr' | 'unm' | 'bnot';

/** A Lua integer: a JS number in the fast range or a bigint outside it. */
export type LuaInteger = number | bigint;

const TWO32 = 4294967296;
const TWO63 = 9223372036854775808; // 2^63 as a double (exact)
const MAXFAST = 9007199254740991;
const MINFAST = -9007199254740991;

/** math.maxinteger / math.mininteger. */
export const MAXINTEGER = 9223372036854775807n;
export const MININTEGER = -9223372036854775808n;

// ---- NaN with an explicit sign -------------------------------------------------------------

const nanBuf = new Float64Array(1);
const nanWords = new Uint32Array(nanBuf.buffer);
nanWords[0] = 0;
nanWords[1] = 0xfff80000;
/** The negative quiet NaN that x86 produces for invalid operations (printed "-nan"). */
export const NEG_NAN: number = nanBuf[0];
nanWords[1] = 0x7ff80000;
/** The positive quiet NaN (printed "nan"). */
export const POS_NAN: number = nanBuf[0];

/** Is the sign bit of x set? (distinguishes -0.0 and the sign of NaNs) */
export function signBit(x: number): boolean {
  nanBuf[0] = x;
  return (nanWords[1] >>> 31) !== 0;
}

/** NaN result of a binary C operation: propagate an operand NaN, else the default (-nan). */
function nanOf(a: number, b: number): number {
  if (a !== a) return a;
  if (b !== b) return b;
  return NEG_NAN;
}

// ---- classification ------------------------------------------------------------------------

/** Is v a Lua number (integer or float)? */
export function isNumber(v: LuaValue): boolean {
  return typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat;
}

/** Is v a Lua integer? */
export function isInteger(v: LuaValue): boolean {
  return typeof v === 'number' ? Number.isInteger(v) : typeof v === 'bigint';
}

/** Is v a Lua float? */
export function isFloat(v: LuaValue): boolean {
  return typeof v === 'number' ? !Number.isInteger(v) : v instanceof LuaFloat;
}

/** Float value of a Lua number as a JS number (bigints are rounded to nearest, like C's cast). */
export function toFloat(v: LuaValue): number {
  if (typeof v === 'number') return v;
  if (v instanceof LuaFloat) return v.n;
  if (typeof v === 'bigint') return Number(v);
  return NaN;
}

/** Canonical integer from a JS integral number known to be in [-2^63, 2^63). */
function intFromIntegral(f: number): LuaInteger {
  return f >= MINFAST && f <= MAXFAST ? f + 0 : BigInt(f);
}

/** Canonical integer from any bigint (wraps to 64 bits). */
export function wrapInt(v: bigint): LuaInteger {
  return mkint(BigInt.asIntN(64, v));
}

/** The integer as a bigint. */
export function intToBigInt(v: LuaInteger): bigint {
  return typeof v === 'bigint' ? v : BigInt(v);
}

/** The 64-bit integer reinterpreted as unsigned (for %x, math.ult...). */
export function toUnsigned(v: LuaInteger): bigint {
  return BigInt.asUintN(64, typeof v === 'bigint' ? v : BigInt(v));
}

// ---- integer arithmetic on two fast integers -----------------------------------------------

/** a + b for two fast integers (wraps; exact). */
export function intAdd(a: number, b: number): LuaInteger {
  const r = a + b;
  if (r >= MINFAST && r <= MAXFAST) return r;
  return BigInt(a) + BigInt(b); // |a + b| < 2^54: no wrap, and outside the fast range
}

/** a - b for two fast integers. */
export function intSub(a: number, b: number): LuaInteger {
  const r = a - b;
  if (r >= MINFAST && r <= MAXFAST) return r;
  return BigInt(a) - BigInt(b);
}

/** a * b for two fast integers (wraps to 64 bits). */
export function intMul(a: number, b: number): LuaInteger {
  const r = a * b;
  if (r >= MINFAST && r <= MAXFAST) return r + 0; // + 0: no -0
  return mkint(BigInt.asIntN(64, BigInt(a) * BigInt(b)));
}

/** a // b for two fast integers (floor division); throws "attempt to divide by zero". */
export function intIdiv(a: number, b: number): LuaInteger {
  if (b === 0) return runtimeError('attempt to divide by zero');
  // With |a| < 2^53 the rounded quotient cannot cross an integer, so floor is exact.
  return Math.floor(a / b) + 0;
}

/** a % b for two fast integers (result has the sign of b); throws "attempt to perform 'n%0'" (sic: the reference's 'n%%0' after printf escaping). */
export function intMod(a: number, b: number): LuaInteger {
  if (b === 0) return runtimeError("attempt to perform 'n%0'");
  let r = a % b;
  if (r !== 0 && (r < 0) !== (b < 0)) r += b;
  return r + 0;
}

// ---- integer arithmetic on any integers ----------------------------------------------------

export function i64Add(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number') return intAdd(a, b);
  return mkint(BigInt.asIntN(64, BigInt(a) + BigInt(b)));
}

export function i64Sub(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number') return intSub(a, b);
  return mkint(BigInt.asIntN(64, BigInt(a) - BigInt(b)));
}

export function i64Mul(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number') return intMul(a, b);
  return mkint(BigInt.asIntN(64, BigInt(a) * BigInt(b)));
}

export function i64Idiv(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number') return intIdiv(a, b);
  const x = BigInt(a);
  const y = BigInt(b);
  if (y === 0n) return runtimeError('attempt to divide by zero');
  let q = x / y;
  if (x % y !== 0n && (x < 0n) !== (y < 0n)) q -= 1n;
  return mkint(BigInt.asIntN(64, q)); // mininteger // -1 wraps to mininteger
}

export function i64Mod(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number') return intMod(a, b);
  const x = BigInt(a);
  const y = BigInt(b);
  if (y === 0n) return runtimeError("attempt to perform 'n%0'");
  let r = x % y;
  if (r !== 0n && (r < 0n) !== (y < 0n)) r += y;
  return mkint(r);
}

/** C-style truncated remainder (math.fmod on integers). b must not be 0. */
export function i64Rem(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number') return (a % b) + 0;
  return mkint(BigInt(a) % BigInt(b));
}

export function i64Unm(a: LuaInteger): LuaInteger {
  if (typeof a === 'number') return 0 - a;
  return mkint(BigInt.asIntN(64, -a));
}

/** Integer equality / order (exact; mixed number/bigint allowed). */
export function i64Eq(a: LuaInteger, b: LuaInteger): boolean {
  return a === b;
}
export function i64Lt(a: LuaInteger, b: LuaInteger): boolean {
  return a < b;
}
export function i64Le(a: LuaInteger, b: LuaInteger): boolean {
  return a <= b;
}
/** Unsigned a < b (math.ult). */
export function i64Ult(a: LuaInteger, b: LuaInteger): boolean {
  const an = a < 0;
  return an === b < 0 ? a < b : !an;
}

// ---- bitwise -------------------------------------------------------------------------------
// 64-bit values are split into a signed high word and an unsigned low word.

let H = 0; // high 32 bits (int32)
let L = 0; // low 32 bits (uint32)

function split(v: LuaInteger): void {
  if (typeof v === 'number') {
    L = v >>> 0;
    H = Math.floor(v / TWO32) | 0;
  } else {
    L = Number(BigInt.asUintN(32, v));
    H = Number(BigInt.asIntN(32, v >> 32n));
  }
}

/** The integer with high word h (int32) and low word l (uint32). */
function join(h: number, l: number): LuaInteger {
  if (h >= -2097152 && h < 2097152) {
    const r = h * TWO32 + l;
    return r >= MINFAST ? r : BigInt(r);
  }
  return (BigInt(h) << 32n) | BigInt(l);
}

/** High 32 bits of a 64-bit integer, as an int32. */
export function i64Hi(v: LuaInteger): number {
  split(v);
  return H;
}

/** Low 32 bits of a 64-bit integer, as a uint32. */
export function i64Lo(v: LuaInteger): number {
  split(v);
  return L;
}

/** The (canonical) integer whose two's complement words are `hi` and `lo` (any 32-bit values). */
export function i64FromWords(hi: number, lo: number): LuaInteger {
  return join(hi | 0, lo >>> 0);
}

export function i64Band(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b) return a & b;
  split(a);
  const ah = H, al = L;
  split(b);
  return join(ah & H, (al & L) >>> 0);
}

export function i64Bor(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b) return a | b;
  split(a);
  const ah = H, al = L;
  split(b);
  return join(ah | H, (al | L) >>> 0);
}

export function i64Bxor(a: LuaInteger, b: LuaInteger): LuaInteger {
  if (typeof a === 'number' && typeof b === 'number' && (a | 0) === a && (b | 0) === b) return a ^ b;
  split(a);
  const ah = H, al = L;
  split(b);
  return join(ah ^ H, (al ^ L) >>> 0);
}

export function i64Bnot(a: LuaInteger): LuaInteger {
  if (typeof a === 'number' && (a | 0) === a) return ~a;
  split(a);
  return join(~H, ~L >>> 0);
}

/** Logical shift left by n (negative n shifts right; |n| >= 64 gives 0). */
export function i64Shl(a: LuaInteger, n: LuaInteger): LuaInteger {
  if (typeof n === 'bigint') return 0;
  if (n < 0) return n <= -64 ? 0 : shr(a, -n);
  return n >= 64 ? 0 : shl(a, n);
}

/** Logical shift right by n (negative n shifts left; |n| >= 64 gives 0). */
export function i64Shr(a: LuaInteger, n: LuaInteger): LuaInteger {
  if (typeof n === 'bigint') return 0;
  if (n < 0) return n <= -64 ? 0 : shl(a, -n);
  return n >= 64 ? 0 : shr(a, n);
}

function shl(a: LuaInteger, n: number): LuaInteger {
  if (n === 0) return a;
  split(a);
  if (n >= 32) return join(L << (n - 32), 0);
  return join((H << n) | (L >>> (32 - n)), (L << n) >>> 0);
}

function shr(a: LuaInteger, n: number): LuaInteger {
  if (n === 0) return a;
  if (typeof a === 'number' && a >= 0 && a <= 0x7fffffff) return n >= 32 ? 0 : a >>> n;
  split(a);
  if (n >= 32) return join(0, H >>> (n - 32));
  return join(H >>> n, ((L >>> n) | (H << (32 - n))) >>> 0);
}

// ---- float arithmetic (raw JS numbers in and out) ------------------------------------------

/** Float floor division: floor(a / b) (luai_numidiv). */
export function fltIdiv(a: number, b: number): number {
  return Math.floor(a / b);
}

/** Float modulo as luai_nummod: C fmod, then adjusted to the sign of b. */
export function fltMod(a: number, b: number): number {
  let m = a % b;
  if (m !== m) return nanOf(a, b);
  if (m > 0 ? b < 0 : m < 0 && b > 0) m += b; // m and b of opposite signs (-5 % -inf is -5.0)
  return m;
}

/** C fmod (math.fmod on floats): the JS % operator with C's NaN results. */
export function fltFmod(a: number, b: number): number {
  const m = a % b;
  return m === m ? m : nanOf(a, b);
}

/** Float exponentiation as luai_numpow: b == 2 ? a*a : C pow(a, b). */
export function fltPow(a: number, b: number): number {
  if (b === 2) return a * a;
  const r = crPow(a, b); // glibc's pow is correctly rounded in practice; V8's Math.pow is not
  return r === r ? r : powNaN(a, b);
}

/** C pow (glibc) when Math.pow gives NaN: C's special cases and glibc's NaN signs. */
export function powNaN(a: number, b: number): number {
  if (a === 1) return 1; // pow(1, y) = 1 for any y, even NaN
  if (a === -1 && (b === Infinity || b === -Infinity)) return 1; // pow(-1, +-inf) = 1
  if (b !== b || b === Infinity || b === -Infinity) return a !== a ? a : b; // x + y
  if (a !== a) {
    // glibc: x2 = x*x; negated for a negative NaN and an odd integer y; 1/x2 keeps the NaN
    return signBit(a) && Number.isInteger(b) && b % 2 !== 0 ? -a : a;
  }
  return NEG_NAN; // negative base, non-integer exponent: invalid -> default NaN
}

// ---- arithmetic on two Lua numbers ---------------------------------------------------------

/** a + b for two Lua numbers. */
export function numAdd(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) return intAdd(a, b);
    return mkfloat(a + b);
  }
  if (isInteger(a) && isInteger(b)) return i64Add(a as LuaInteger, b as LuaInteger);
  return mkfloat(toFloat(a) + toFloat(b));
}

export function numSub(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) return intSub(a, b);
    return mkfloat(a - b);
  }
  if (isInteger(a) && isInteger(b)) return i64Sub(a as LuaInteger, b as LuaInteger);
  return mkfloat(toFloat(a) - toFloat(b));
}

export function numMul(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) return intMul(a, b);
    return mkfloat(a * b);
  }
  if (isInteger(a) && isInteger(b)) return i64Mul(a as LuaInteger, b as LuaInteger);
  return mkfloat(toFloat(a) * toFloat(b));
}

export function numDiv(a: LuaValue, b: LuaValue): LuaValue {
  return mkfloat(toFloat(a) / toFloat(b));
}

export function numPow(a: LuaValue, b: LuaValue): LuaValue {
  return mkfloat(fltPow(toFloat(a), toFloat(b)));
}

export function numIdiv(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) return intIdiv(a, b);
    return mkfloat(Math.floor(a / b));
  }
  if (isInteger(a) && isInteger(b)) return i64Idiv(a as LuaInteger, b as LuaInteger);
  return mkfloat(Math.floor(toFloat(a) / toFloat(b)));
}

export function numMod(a: LuaValue, b: LuaValue): LuaValue {
  if (typeof a === 'number' && typeof b === 'number') {
    if (Number.isInteger(a) && Number.isInteger(b)) return intMod(a, b);
    return mkfloat(fltMod(a, b));
  }
  if (isInteger(a) && isInteger(b)) return i64Mod(a as LuaInteger, b as LuaInteger);
  return mkfloat(fltMod(toFloat(a), toFloat(b)));
}

export function numUnm(a: LuaValue): LuaValue {
  if (typeof a === 'number') return Number.isInteger(a) ? 0 - a : -a;
  if (typeof a === 'bigint') return i64Unm(a);
  return new LuaFloat(-(a as LuaFloat).n);
}

/**
 * Operand of a bitwise operation: an integer, or a float with an exact integer value.
 * Returns undefined for floats without an integer representation (the value must be a number).
 */
export function toBitInteger(v: LuaValue): LuaInteger | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v === 'bigint') return v;
  return floatToInteger((v as LuaFloat).n, 'exact');
}

/**
 * Arithmetic on two values that are numbers or strings convertible to numbers. Returns
 * undefined when an operand is not a number / convertible string (the caller then tries
 * metamethods). Errors: "attempt to divide by zero" (integer //), "attempt to perform 'n%0'"
 * (integer %), "number has no integer representation" (bitwise on floats).
 *
 * As in the reference, bitwise operators do NOT coerce strings (`"3" & 1` goes to the
 * metamethods and fails with "attempt to perform bitwise operation on a string value"); for
 * them this returns undefined unless both operands are numbers. For 'unm' and 'bnot', b is
 * ignored.
 */
export function arith(op: ArithOp, a: LuaValue, b: LuaValue): LuaValue {
  switch (op) {
    case 'band': case 'bor': case 'bxor': case 'shl': case 'shr': {
      if (!isNumber(a) || !isNumber(b)) return undefined;
      const x = toBitInteger(a);
      const y = toBitInteger(b);
      if (x === undefined || y === undefined) return runtimeError('number has no integer representation');
      switch (op) {
        case 'band': return i64Band(x, y);
        case 'bor': return i64Bor(x, y);
        case 'bxor': return i64Bxor(x, y);
        case 'shl': return i64Shl(x, y);
        default: return i64Shr(x, y);
      }
    }
    case 'bnot': {
      if (!isNumber(a)) return undefined;
      const x = toBitInteger(a);
      if (x === undefined) return runtimeError('number has no integer representation');
      return i64Bnot(x);
    }
    case 'unm': {
      const x = toNumber(a);
      return x === undefined ? undefined : numUnm(x);
    }
  }
  const x = toNumber(a);
  if (x === undefined) return undefined;
  const y = toNumber(b);
  if (y === undefined) return undefined;
  switch (op) {
    case 'add': return numAdd(x, y);
    case 'sub': return numSub(x, y);
    case 'mul': return numMul(x, y);
    case 'div': return numDiv(x, y);
    case 'pow': return numPow(x, y);
    case 'idiv': return numIdiv(x, y);
    case 'mod': return numMod(x, y);
  }
  return undefined;
}

// ---- comparisons ---------------------------------------------------------------------------
// After unboxing LuaFloat, JS relational operators between numbers and bigints compare the
// exact mathematical values (NaN compares false), which is precisely Lua's LTnum/LEnum.

/** Numeric a < b for two numbers (exact for mixed integer/float). */
export function numLessThan(a: LuaValue, b: LuaValue): boolean {
  const x = a instanceof LuaFloat ? a.n : (a as number | bigint);
  const y = b instanceof LuaFloat ? b.n : (b as number | bigint);
  return x < y;
}

/** Numeric a <= b for two numbers. */
export function numLessEqual(a: LuaValue, b: LuaValue): boolean {
  const x = a instanceof LuaFloat ? a.n : (a as number | bigint);
  const y = b instanceof LuaFloat ? b.n : (b as number | bigint);
  return x <= y;
}

/** Numeric a == b for two numbers. */
export function numEquals(a: LuaValue, b: LuaValue): boolean {
  const x = a instanceof LuaFloat ? a.n : (a as number | bigint);
  const y = b instanceof LuaFloat ? b.n : (b as number | bigint);
  return x == y;
}

/** Raw equality (no metamethods): 1 == 1.0, strings by value, objects by identity. */
export function rawEquals(a: LuaValue, b: LuaValue): boolean {
  if (a === b) return true;
  if (a instanceof LuaFloat) {
    if (b instanceof LuaFloat) return a.n === b.n;
    return (typeof b === 'number' || typeof b === 'bigint') && a.n == b;
  }
  if (b instanceof LuaFloat) return (typeof a === 'number' || typeof a === 'bigint') && b.n == a;
  // Distinct numbers in canonical form: an integer never equals a non-integral float, and a
  // fast integer never equals a bigint.
  return false;
}

// ---- conversions ---------------------------------------------------------------------------

/** Number or convertible string -> number; undefined otherwise (like lua_tonumber). */
export function toNumber(v: LuaValue): LuaValue {
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return v;
  if (typeof v === 'string') return stringToNumber(v);
  return undefined;
}

/**
 * Value -> integer (number | bigint) if it has an exact integer representation (floats with
 * integral values in range; strings convertible to such numbers); undefined otherwise.
 */
export function toInteger(v: LuaValue): LuaInteger | undefined {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  if (typeof v === 'bigint') return v;
  if (v instanceof LuaFloat) return floatToInteger(v.n, 'exact');
  if (typeof v === 'string') {
    const n = stringToNumber(v);
    return n === undefined ? undefined : toInteger(n);
  }
  return undefined;
}

/**
 * Float -> integer: 'exact' only if x is integral, 'floor'/'ceil' round first. Undefined if the
 * result is outside [-2^63, 2^63) or x is NaN.
 */
export function floatToInteger(x: number, mode: 'exact' | 'floor' | 'ceil'): LuaInteger | undefined {
  const f = mode === 'exact' ? x : mode === 'floor' ? Math.floor(x) : Math.ceil(x);
  if (!Number.isInteger(f) || f < -TWO63 || f >= TWO63) return undefined;
  return intFromIntegral(f);
}

/** tostring of a number as the reference: integers in decimal, floats with "%.14g" (+ ".0" if it looks like an integer), inf, -inf, nan, -nan. */
export function numberToString(v: LuaValue): string {
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return String(v);
    return floatToLuaString(v);
  }
  if (v instanceof LuaFloat) return floatToLuaString(v.n);
  if (typeof v === 'bigint') return v.toString();
  return String(v);
}

/** tostring of a float: "%.14g", plus ".0" when the result looks like an integer (lua_Number2str + tostringbuff). */
export function floatToLuaString(x: number): string {
  const s = fmtG14(x);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 45 && (c < 48 || c > 57)) return s; // not '-' or a digit
  }
  return s + '.0';
}

/** Format a float with the reference's LUAI_NUMFFORMAT ("%.14g"), without the ".0" suffix. */
export function floatToString14(x: number): string {
  return fmtG14(x);
}

/** Re-export for callers that format floats (string.format). */
export { formatFloat };
