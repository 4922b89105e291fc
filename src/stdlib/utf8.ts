// The utf8 library (manual §6.5), a port of lutf8lib.c of the reference (5.4.4): char,
// charpattern, codes, codepoint, len, offset. Strings are byte strings (one JS char per byte).
// Decoding accepts the reference's extended sequences of up to 6 bytes: strict mode rejects
// code points above 10FFFF and surrogates, lax mode accepts everything up to 7FFFFFFF; overlong
// encodings are always rejected.

import { isFalsy, type LuaValue } from '../runtime/value.js';
import { toInteger } from '../runtime/number.js';
import { NativeFunction, type NativeFn } from '../vm/function.js';
import type { LuaState, LuaThread } from '../vm/state.js';
import { utf8Encode } from '../frontend/lexer.js';
import {
  arg, argError, checkInt, checkInteger, checkString, luaError, newLib, optInt, registerLib,
} from './aux.js';

const MAXUNICODE = 0x10ffff;
const MAXUTF = 0x7fffffff;
const MSG_INVALID = 'invalid UTF-8 code';
/** INT_MAX, the reference's limit on the number of results of codepoint. */
const INT_MAX = 0x7fffffff;

/** Smallest code point that needs `count` continuation bytes (below it: overlong). */
const LIMITS = [Infinity, 0x80, 0x800, 0x10000, 0x200000, 0x4000000];

/** Byte at i; 0 past the end (the C string's terminating NUL). */
const byteAt = (s: string, i: number): number => (i < s.length ? s.charCodeAt(i) : 0);

const isCont = (s: string, i: number): boolean => (byteAt(s, i) & 0xc0) === 0x80;

/** Result slot of utf8Decode: the decoded code point. */
let decodedCode = 0;

/**
 * utf8_decode: decode the sequence at byte i; returns the index after it (and sets
 * decodedCode), or -1 for an invalid sequence.
 */
function utf8Decode(s: string, i: number, strict: boolean): number {
  let c = byteAt(s, i);
  let res = 0;
  let count = 0;
  if (c >= 0x80) {
    for (; (c & 0x40) !== 0; c <<= 1) { // while it needs continuation bytes...
      const cc = byteAt(s, i + ++count);
      if ((cc & 0xc0) !== 0x80) return -1;
      if (count > 5) return -1; // (the reference checks after the loop; the result is the same)
      res = res * 64 + (cc & 0x3f);
    }
    res += (c & 0x7f) * 2 ** (count * 5); // the first byte's bits
    if (res > MAXUTF || res < LIMITS[count]) return -1;
  } else res = c;
  if (strict && (res > MAXUNICODE || (res >= 0xd800 && res <= 0xdfff))) return -1;
  decodedCode = res;
  return i + count + 1;
}

/** u_posrelat: a position, negative from the end (0 if before the start). */
function uPosrelat(pos: number, len: number): number {
  if (pos >= 0) return pos;
  if (-pos > len) return 0;
  return len + pos + 1;
}

const lax = (L: LuaThread, base: number, nargs: number, i: number): boolean => !isFalsy(arg(L, base, nargs, i));

/** utf8.len(s [, i [, j [, lax]]]): characters starting in [i, j], or fail and the position of an invalid byte. */
const utflen: NativeFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const len = s.length;
  let posi = uPosrelat(optInt(L, base, nargs, 2, 1), len);
  let posj = uPosrelat(optInt(L, base, nargs, 3, -1), len);
  const strict = !lax(L, base, nargs, 4);
  if (!(posi >= 1 && --posi <= len)) argError(L, 2, 'initial position out of bounds');
  if (!(--posj < len)) argError(L, 3, 'final position out of bounds');
  let n = 0;
  const stack = L.stack;
  while (posi <= posj) {
    const next = utf8Decode(s, posi, strict);
    if (next < 0) {
      stack[base] = undefined;
      stack[base + 1] = posi + 1;
      return 2;
    }
    posi = next;
    n++;
  }
  stack[base] = n;
  return 1;
};

/** utf8.codepoint(s [, i [, j [, lax]]]): the code points of the characters starting in [i, j]. */
const codepoint: NativeFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const len = s.length;
  const posi = uPosrelat(optInt(L, base, nargs, 2, 1), len);
  const pose = uPosrelat(optInt(L, base, nargs, 3, posi), len);
  const strict = !lax(L, base, nargs, 4);
  if (!(posi >= 1)) argError(L, 2, 'out of bounds');
  if (!(pose <= len)) argError(L, 3, 'out of bounds');
  if (posi > pose) return 0;
  if (pose - posi >= INT_MAX) luaError(L, 'string slice too long');
  const max = pose - posi + 1;
  if (max > 1 && !L.checkStack(max)) luaError(L, 'stack overflow (string slice too long)');
  const codes: number[] = [];
  for (let i = posi - 1; i < pose;) {
    i = utf8Decode(s, i, strict);
    if (i < 0) luaError(L, MSG_INVALID);
    codes.push(decodedCode);
  }
  const stack = L.stack;
  for (let k = 0; k < codes.length; k++) stack[base + k] = codes[k];
  return codes.length;
};

/** The code point argument i as a byte string (pushutfchar). */
function utfChar(L: LuaThread, base: number, nargs: number, i: number): string {
  const code = checkInteger(L, base, nargs, i);
  // (lua_Unsigned)code <= MAXUTF: negative values are huge as unsigned
  if (typeof code !== 'number' || code < 0 || code > MAXUTF) argError(L, i, 'value out of range');
  return utf8Encode(code as number);
}

/** utf8.char(...): the characters with the given code points, concatenated. */
const utfchar: NativeFn = (L, base, nargs) => {
  const parts: string[] = [];
  for (let i = 1; i <= nargs; i++) parts.push(utfChar(L, base, nargs, i));
  L.stack[base] = parts.join('');
  return 1;
};

/** utf8.offset(s, n [, i]): byte position where the n-th character counting from position i starts. */
const byteoffset: NativeFn = (L, base, nargs) => {
  const s = checkString(L, base, nargs, 1);
  const len = s.length;
  let n = checkInt(L, base, nargs, 2);
  let posi = uPosrelat(optInt(L, base, nargs, 3, n >= 0 ? 1 : len + 1), len);
  if (!(posi >= 1 && --posi <= len)) argError(L, 3, 'position out of bounds');
  if (n === 0) {
    while (posi > 0 && isCont(s, posi)) posi--; // the start of the current sequence
  } else {
    if (isCont(s, posi)) luaError(L, 'initial position is a continuation byte');
    if (n < 0) {
      while (n < 0 && posi > 0) { // move back
        do posi--; while (posi > 0 && isCont(s, posi));
        n++;
      }
    } else {
      n--; // do not move for the first character
      while (n > 0 && posi < len) {
        do posi++; while (isCont(s, posi)); // (stops at the end: byteAt gives 0 there)
        n--;
      }
    }
  }
  L.stack[base] = n === 0 ? posi + 1 : undefined;
  return 1;
};

/** The codes iterator (iter_aux): the position and code point of the character after position n. */
function iterAux(L: LuaThread, base: number, nargs: number, strict: boolean): number {
  const s = checkString(L, base, nargs, 1);
  const len = s.length;
  // lua_tointeger (0 if not convertible) taken as unsigned: negative values end the loop
  const control: LuaValue = arg(L, base, nargs, 2);
  const iv = toInteger(control) ?? 0;
  let n = typeof iv === 'number' ? iv : iv < 0n ? -1 : Number.MAX_SAFE_INTEGER;
  if (n < 0) return 0;
  if (n < len) while (isCont(s, n)) n++; // skip continuation bytes
  if (n >= len) return 0;
  const next = utf8Decode(s, n, strict);
  if (next < 0) luaError(L, MSG_INVALID);
  L.stack[base] = n + 1;
  L.stack[base + 1] = decodedCode;
  return 2;
}

const iterStrict = new NativeFunction('for iterator', (L, base, nargs) => iterAux(L, base, nargs, true));
const iterLax = new NativeFunction('for iterator', (L, base, nargs) => iterAux(L, base, nargs, false));

/** utf8.codes(s [, lax]): the generic-for triple iterating over the characters of s. */
const iterCodes: NativeFn = (L, base, nargs) => {
  const isLax = lax(L, base, nargs, 2);
  checkString(L, base, nargs, 1);
  const stack = L.stack;
  stack[base + 1] = stack[base];
  stack[base] = isLax ? iterLax : iterStrict;
  stack[base + 2] = 0;
  return 3;
};

/** Pattern matching exactly one UTF-8 byte sequence (assuming the subject is valid UTF-8). */
const UTF8PATT = '[\x00-\x7F\xC2-\xFD][\x80-\xBF]*';

/** Open the utf8 library (luaopen_utf8). */
export function openUtf8(S: LuaState): void {
  const lib = newLib({
    offset: byteoffset,
    codepoint,
    char: utfchar,
    len: utflen,
    codes: iterCodes,
  });
  lib.setStr('charpattern', UTF8PATT);
  registerLib(S, 'utf8', lib);
}
