// String -> number as the reference's luaO_str2num: used by the lexer for numerals and by
// tonumber and the string->number coercions.
//
// The reference first tries l_str2int (decimal integers that fit in 64 bits, hexadecimal integers
// that wrap around modulo 2^64), then l_str2d (C strtod, rejecting any text containing 'n' or 'N'
// so that "inf" and "nan" are not numerals). Surrounding whitespace (C isspace) is allowed, and so
// is one sign. A string with an embedded '\0' is never a number (lua_stringtonumber compares the
// converted length with the string length).
//
// Results follow value.ts: integers are JS numbers in the fast range and bigints outside it;
// floats are non-integral JS numbers (including +-Infinity) or LuaFloat boxes.

import { LuaFloat, mkint, type LuaValue } from './value.js';

const CH_0 = 48;
const CH_9 = 57;
const CH_PLUS = 43;
const CH_MINUS = 45;
const CH_DOT = 46;

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);
const isDigit = (c: number): boolean => c >= CH_0 && c <= CH_9;
/** Value of a hexadecimal digit, -1 for other chars (NaN from charCodeAt past the end too). */
function hexValue(c: number): number {
  if (c >= CH_0 && c <= CH_9) return c - CH_0;
  const l = c | 32; // lower case
  return l >= 97 && l <= 102 ? l - 87 : -1;
}

/** Largest decimal digit count that always accumulates exactly in a double (< 2^53). */
const SAFE_DECIMAL_DIGITS = 15;
/** Largest hex digit count that always accumulates exactly in a double (< 2^53). */
const SAFE_HEX_DIGITS = 13;
const INT64_MAX = 9223372036854775807n;
const INT64_MIN_MAGNITUDE = 9223372036854775808n;

/**
 * Convert a whole string to a Lua number; undefined when it is not a valid numeral.
 * Whitespace around the numeral and a leading '+' or '-' are accepted.
 */
export function stringToNumber(s: string): LuaValue {
  let start = 0;
  let end = s.length;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  if (start === end) return undefined;
  const asInt = parseInteger(s, start, end);
  if (asInt !== undefined) return asInt;
  return parseFloatNumeral(s, start, end);
}

/** l_str2int on s[start, end) (already trimmed): undefined if not an integer numeral. */
function parseInteger(s: string, start: number, end: number): number | bigint | undefined {
  let i = start;
  let neg = false;
  const c0 = s.charCodeAt(i);
  if (c0 === CH_MINUS) { neg = true; i++; } else if (c0 === CH_PLUS) i++;
  if (s.charCodeAt(i) === CH_0 && (s.charCodeAt(i + 1) | 32) === 120 /* x */) {
    i += 2;
    const digitsStart = i;
    while (i < end && hexValue(s.charCodeAt(i)) >= 0) i++;
    if (i === digitsStart || i !== end) return undefined;
    if (end - digitsStart <= SAFE_HEX_DIGITS) {
      const v = parseInt(s.slice(digitsStart, end), 16);
      return neg ? 0 - v : v; // `0 - v` avoids -0
    }
    // Hexadecimal integers wrap around modulo 2^64.
    let v = BigInt.asUintN(64, BigInt('0x' + s.slice(digitsStart, end)));
    if (neg) v = -v;
    return mkint(BigInt.asIntN(64, v));
  }
  const digitsStart = i;
  while (i < end && isDigit(s.charCodeAt(i))) i++;
  if (i === digitsStart || i !== end) return undefined;
  if (end - digitsStart <= SAFE_DECIMAL_DIGITS) {
    const v = Number(s.slice(digitsStart, end));
    return neg ? 0 - v : v;
  }
  // Decimal integers that do not fit in 64 bits are read as floats instead.
  const magnitude = BigInt(s.slice(digitsStart, end));
  if (magnitude > (neg ? INT64_MIN_MAGNITUDE : INT64_MAX)) return undefined;
  return mkint(neg ? -magnitude : magnitude);
}

function floatResult(x: number): number | LuaFloat {
  return Number.isInteger(x) ? new LuaFloat(x) : x;
}

/** l_str2d on s[start, end) (already trimmed): strtod syntax, but no inf/nan. */
function parseFloatNumeral(s: string, start: number, end: number): LuaValue {
  let i = start;
  let neg = false;
  const c0 = s.charCodeAt(i);
  if (c0 === CH_MINUS) { neg = true; i++; } else if (c0 === CH_PLUS) i++;
  if (s.charCodeAt(i) === CH_0 && (s.charCodeAt(i + 1) | 32) === 120 /* x */) {
    const x = parseHexFloat(s, i + 2, end);
    return x === undefined ? undefined : floatResult(neg ? -x : x);
  }
  // Decimal: digits [. digits] with at least one digit, then an optional complete exponent.
  let digits = 0;
  while (i < end && isDigit(s.charCodeAt(i))) { i++; digits++; }
  if (s.charCodeAt(i) === CH_DOT) {
    i++;
    while (i < end && isDigit(s.charCodeAt(i))) { i++; digits++; }
  }
  if (digits === 0) return undefined;
  if ((s.charCodeAt(i) | 32) === 101 /* e */) {
    i++;
    const sign = s.charCodeAt(i);
    if (sign === CH_PLUS || sign === CH_MINUS) i++;
    const expStart = i;
    while (i < end && isDigit(s.charCodeAt(i))) i++;
    if (i === expStart) return undefined;
  }
  if (i !== end) return undefined;
  // The text is now a valid JS numeric literal too; Number() rounds correctly, like glibc.
  return floatResult(Number(s.slice(start, end)));
}

/** Significant hex digits kept exactly; later non-zero digits only set a sticky bit. */
const MAX_SIGNIFICANT_HEX_DIGITS = 40;
/**
 * Exponent magnitude beyond which every result is 0 or infinity anyway, even after the digit
 * count adjusts the exponent (a source string is far shorter than this).
 */
const EXPONENT_CLAMP = 1e12;

/**
 * strtod on a hexadecimal float after its "0x": hexdigits [. hexdigits] (at least one digit)
 * and an optional binary exponent p[+-]digits. Returns the magnitude, correctly rounded
 * (round half to even, with subnormals), or undefined when the text is not a whole numeral.
 */
function parseHexFloat(s: string, i: number, end: number): number | undefined {
  let mantissa = 0n;
  let significant = 0; // hex digits accumulated into mantissa since the first non-zero one
  let sticky = false; // a dropped digit was non-zero
  let exp2 = 0; // value = mantissa * 2^exp2
  let anyDigit = false;
  let seenDot = false;
  for (; i < end; i++) {
    const c = s.charCodeAt(i);
    if (c === CH_DOT) {
      if (seenDot) break;
      seenDot = true;
      continue;
    }
    const d = hexValue(c);
    if (d < 0) break;
    anyDigit = true;
    if (significant < MAX_SIGNIFICANT_HEX_DIGITS) {
      if (significant > 0 || d !== 0) {
        mantissa = (mantissa << 4n) | BigInt(d);
        significant++;
      }
      if (seenDot) exp2 -= 4;
    } else {
      if (d !== 0) sticky = true;
      if (!seenDot) exp2 += 4;
    }
  }
  if (!anyDigit) return undefined;
  if ((s.charCodeAt(i) | 32) === 112 /* p */) {
    i++;
    let expNeg = false;
    const sign = s.charCodeAt(i);
    if (sign === CH_PLUS || sign === CH_MINUS) { expNeg = sign === CH_MINUS; i++; }
    const expStart = i;
    let e = 0;
    while (i < end && isDigit(s.charCodeAt(i))) {
      e = Math.min(e * 10 + (s.charCodeAt(i) - CH_0), EXPONENT_CLAMP);
      i++;
    }
    if (i === expStart) return undefined;
    exp2 += expNeg ? -e : e;
  }
  if (i !== end) return undefined;
  if (mantissa === 0n) return 0;
  if (sticky) {
    // One extra low bit stands for the dropped non-zero digits: it breaks ties correctly.
    mantissa = (mantissa << 1n) | 1n;
    exp2 -= 1;
  }
  return roundToDouble(mantissa, exp2);
}

/** mantissa * 2^exp2 (mantissa > 0) correctly rounded to a double. */
function roundToDouble(mantissa: bigint, exp2: number): number {
  const bitLength = mantissa.toString(2).length;
  const topExponent = bitLength - 1 + exp2; // value is in [2^top, 2^(top+1))
  if (topExponent > 1023) return Infinity;
  if (topExponent < -1076) return 0; // below half the smallest subnormal
  // Bits a double can hold for this magnitude: 53 for normal numbers, fewer for subnormals
  // (whose last bit is worth 2^-1074). May be <= 0 for values below the smallest subnormal.
  const keep = topExponent >= -1022 ? 53 : topExponent + 1075;
  const shift = bitLength - keep;
  // The products below are exact: the result is representable by construction, and 2 ** e for
  // an integral e in [-1074, 1023] is exact. Only a rounding carry at the top can overflow.
  if (shift <= 0) return Number(mantissa) * 2 ** exp2;
  let q = mantissa >> BigInt(shift);
  const rest = mantissa - (q << BigInt(shift));
  const half = 1n << BigInt(shift - 1);
  if (rest > half || (rest === half && (q & 1n) === 1n)) q += 1n;
  return Number(q) * 2 ** (exp2 + shift);
}
