// string.pack, string.unpack, string.packsize (manual §6.4.2), following lstrlib.c: native
// sizes of a 64-bit Linux build (int 4, long 8, size_t 8, lua_Integer 8, max alignment 8),
// little-endian native order, padding bytes 0.

import { chargeMem, MEM_STRING } from '../runtime/memory.js';
import type { LuaThread } from '../vm/state.js';
import { mkfloat, mkint, type LuaValue } from '../runtime/value.js';
import { toFloat } from '../runtime/number.js';
import { LuaException, memoryError } from '../runtime/error.js';
import { argError, checkInteger, checkNumber, checkString, luaError, optInteger } from './aux.js';

const MAXINTSIZE = 16;
const SZINT = 8; // sizeof(lua_Integer)
const MAXSIZE = 0x7fffffff; // INT_MAX
const NATIVE_MAXALIGN = 8; // offsetof(struct cD, u)
/** Longest string V8 can build (a larger result raises "not enough memory"). */
const MAX_STRING = 536870888;

const enum K {
  Int, Uint, Float, Number, Double, Char, String, Zstr, Padding, Paddalign, Nop,
}

class Header {
  islittle = true;
  maxalign = 1;
  constructor(
    readonly L: LuaThread,
    readonly fmt: string,
  ) {}
  pos = 0; // position in fmt
  size = 0; // size of the last option read
  ntoalign = 0;
}

/** The format as a C string: it ends at the first NUL. */
function cstr(s: string): string {
  const z = s.indexOf('\0');
  return z < 0 ? s : s.slice(0, z);
}

function isDigitAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function getnum(h: Header, df: number): number {
  const fmt = h.fmt;
  if (!isDigitAt(fmt, h.pos)) return df;
  let a = 0;
  do {
    a = a * 10 + (fmt.charCodeAt(h.pos++) - 48);
  } while (isDigitAt(fmt, h.pos) && a <= (MAXSIZE - 9) / 10);
  return a;
}

function getnumlimit(h: Header, df: number): number {
  const sz = getnum(h, df);
  if (sz > MAXINTSIZE || sz <= 0) luaError(h.L, `integral size (${sz}) out of limits [1,${MAXINTSIZE}]`);
  return sz;
}

/** getoption: reads one option, sets h.size. */
function getoption(h: Header): K {
  const opt = h.fmt[h.pos++];
  h.size = 0;
  switch (opt) {
    case 'b': h.size = 1; return K.Int;
    case 'B': h.size = 1; return K.Uint;
    case 'h': h.size = 2; return K.Int;
    case 'H': h.size = 2; return K.Uint;
    case 'l': h.size = 8; return K.Int;
    case 'L': h.size = 8; return K.Uint;
    case 'j': h.size = 8; return K.Int;
    case 'J': h.size = 8; return K.Uint;
    case 'T': h.size = 8; return K.Uint;
    case 'f': h.size = 4; return K.Float;
    case 'n': h.size = 8; return K.Number;
    case 'd': h.size = 8; return K.Double;
    case 'i': h.size = getnumlimit(h, 4); return K.Int;
    case 'I': h.size = getnumlimit(h, 4); return K.Uint;
    case 's': h.size = getnumlimit(h, 8); return K.String;
    case 'c':
      h.size = getnum(h, -1);
      if (h.size === -1) luaError(h.L, "missing size for format option 'c'");
      return K.Char;
    case 'z': return K.Zstr;
    case 'x': h.size = 1; return K.Padding;
    case 'X': return K.Paddalign;
    case ' ': break;
    case '<': h.islittle = true; break;
    case '>': h.islittle = false; break;
    case '=': h.islittle = true; break;
    case '!': h.maxalign = getnumlimit(h, NATIVE_MAXALIGN); break;
    default: luaError(h.L, `invalid format option '${opt}'`);
  }
  return K.Nop;
}

/** getdetails: reads an option with its alignment; sets h.size and h.ntoalign. */
function getdetails(h: Header, totalsize: number): K {
  const opt = getoption(h);
  let align = h.size; // usually, alignment follows size
  if (opt === K.Paddalign) { // 'X' gets alignment from following option
    if (h.pos >= h.fmt.length) argError(h.L, 1, "invalid next option for option 'X'");
    const size = h.size;
    const next = getoption(h);
    align = h.size;
    h.size = size;
    if (next === K.Char || align === 0) argError(h.L, 1, "invalid next option for option 'X'");
  }
  if (align <= 1 || opt === K.Char) h.ntoalign = 0;
  else {
    if (align > h.maxalign) align = h.maxalign; // enforce maximum alignment
    if ((align & (align - 1)) !== 0) argError(h.L, 1, 'format asks for alignment not power of 2');
    h.ntoalign = (align - (totalsize & (align - 1))) & (align - 1);
  }
  return opt;
}

// ---- pack ------------------------------------------------------------------------------------

const fbuf = new DataView(new ArrayBuffer(8));

function bytesOf(n: number, little: boolean): string {
  let s = '';
  if (little) for (let i = 0; i < n; i++) s += String.fromCharCode(fbuf.getUint8(i));
  else for (let i = n - 1; i >= 0; i--) s += String.fromCharCode(fbuf.getUint8(i));
  return s;
}

/** packint: the low `size` bytes of the 64-bit two's complement of n, sign-extended beyond 8. */
function packint(n: number | bigint, little: boolean, size: number, neg: boolean): string {
  const bytes: number[] = new Array(size);
  if (typeof n === 'number' && size <= 4) {
    for (let i = 0; i < size; i++) bytes[i] = (n >>> (8 * i)) & 0xff; // n fits 32 bits here
  } else {
    let u = BigInt.asUintN(64, BigInt(n));
    for (let i = 0; i < size; i++) {
      bytes[i] = i < SZINT ? Number(u & 0xffn) : neg ? 0xff : 0;
      u >>= 8n;
    }
  }
  if (!little) bytes.reverse();
  return String.fromCharCode(...bytes);
}

/** string.pack(fmt, v1, v2, ...) */
export function strPack(L: LuaThread, base: number, nargs: number): number {
  const h = new Header(L, cstr(checkString(L, base, nargs, 1)));
  const out: string[] = [];
  let argn = 1;
  let totalsize = 0;
  let tooBig = false; // the result cannot be a JS string: "not enough memory" at the end
  const zeros = (k: number): void => {
    if (k <= 0) return;
    if (tooBig || totalsize > MAX_STRING) tooBig = true;
    else out.push('\0'.repeat(k));
  };
  // the reference pushes a nil after the arguments: the first missing one is "got nil"
  const mark = (i: number, expected: string): number => {
    if (i > nargs) argError(L, i, `${expected} expected, got nil`);
    return i;
  };
  while (h.pos < h.fmt.length) {
    const opt = getdetails(h, totalsize);
    const size = h.size;
    const ntoalign = h.ntoalign;
    totalsize += ntoalign + size;
    zeros(ntoalign); // fill alignment
    argn++;
    switch (opt) {
      case K.Int: { // signed integers
        const n = checkInteger(L, base, nargs, mark(argn, 'number'));
        if (size < SZINT) { // need overflow check?
          const ok = typeof n === 'number'
            ? -(2 ** (size * 8 - 1)) <= n && n < 2 ** (size * 8 - 1)
            : BigInt.asIntN(size * 8, n) === n;
          if (!ok) argError(L, argn, 'integer overflow');
        }
        out.push(packint(n, h.islittle, size, n < 0));
        break;
      }
      case K.Uint: { // unsigned integers
        const n = checkInteger(L, base, nargs, mark(argn, 'number'));
        if (size < SZINT && !(typeof n === 'number' ? n >= 0 && n < 2 ** (size * 8) : BigInt.asUintN(size * 8, n) === n)) {
          argError(L, argn, 'unsigned overflow');
        }
        out.push(packint(n, h.islittle, size, false));
        break;
      }
      case K.Float: {
        const x = toFloat(checkNumber(L, base, nargs, mark(argn, 'number')));
        fbuf.setFloat32(0, x, true);
        out.push(bytesOf(4, h.islittle));
        break;
      }
      case K.Number:
      case K.Double: {
        const x = toFloat(checkNumber(L, base, nargs, mark(argn, 'number')));
        fbuf.setFloat64(0, x, true);
        out.push(bytesOf(8, h.islittle));
        break;
      }
      case K.Char: { // fixed-size string
        const s = checkString(L, base, nargs, mark(argn, 'string'));
        if (s.length > size) argError(L, argn, 'string longer than given size');
        out.push(s);
        zeros(size - s.length); // pad extra space (totalsize already counts it)
        break;
      }
      case K.String: { // strings with length count
        const s = checkString(L, base, nargs, mark(argn, 'string'));
        if (!(size >= 8 || s.length < 2 ** (size * 8))) argError(L, argn, 'string length does not fit in given size');
        out.push(packint(s.length, h.islittle, size, false)); // pack length
        out.push(s);
        totalsize += s.length;
        break;
      }
      case K.Zstr: { // zero-terminated string
        const s = checkString(L, base, nargs, mark(argn, 'string'));
        if (s.indexOf('\0') >= 0) argError(L, argn, 'string contains zeros');
        out.push(s, '\0');
        totalsize += s.length + 1;
        break;
      }
      case K.Padding:
        out.push('\0');
        argn--;
        break;
      case K.Paddalign: case K.Nop:
        argn--; // undo increment
        break;
    }
  }
  if (tooBig || totalsize > MAX_STRING) throw notEnoughMemory();
  chargeMem(MEM_STRING + totalsize); // memory accounting (runtime/memory.ts)
  L.stack[base] = out.join('');
  return 1;
}

/** The reference's memory error (no position) for results JS strings cannot hold. */
export function notEnoughMemory(): LuaException {
  return memoryError();
}

/** string.packsize(fmt) */
export function strPackSize(L: LuaThread, base: number, nargs: number): number {
  const h = new Header(L, cstr(checkString(L, base, nargs, 1)));
  let totalsize = 0;
  while (h.pos < h.fmt.length) {
    const opt = getdetails(h, totalsize);
    if (opt === K.String || opt === K.Zstr) argError(L, 1, 'variable-length format');
    const size = h.size + h.ntoalign; // total space used by option
    if (!(totalsize <= MAXSIZE - size)) argError(L, 1, 'format result too large');
    totalsize += size;
  }
  L.stack[base] = totalsize;
  return 1;
}

// ---- unpack ----------------------------------------------------------------------------------

/** unpackint: a Lua integer from `size` bytes at `pos`. */
function unpackint(L: LuaThread, data: string, pos: number, little: boolean, size: number, signed: boolean): number | bigint {
  const at = (i: number): number => data.charCodeAt(little ? pos + i : pos + size - 1 - i);
  if (size <= 6) {
    let res = 0;
    for (let i = size - 1; i >= 0; i--) res = res * 256 + at(i);
    if (signed) {
      const half = 2 ** (size * 8 - 1);
      if (res >= half) res -= 2 * half; // sign extension
    }
    return res;
  }
  const limit = size <= SZINT ? size : SZINT;
  let res = 0n;
  for (let i = limit - 1; i >= 0; i--) res = (res << 8n) | BigInt(at(i));
  if (size < SZINT) {
    if (signed) res = BigInt.asIntN(size * 8, res);
  } else if (size > SZINT) { // must check unread bytes
    const mask = !signed || BigInt.asIntN(64, res) >= 0n ? 0 : 0xff;
    for (let i = limit; i < size; i++) {
      if (at(i) !== mask) luaError(L, `${size}-byte integer does not fit into Lua Integer`);
    }
  }
  return mkint(BigInt.asIntN(64, res));
}

/** string.unpack(fmt, s [, pos]) */
export function strUnpack(L: LuaThread, base: number, nargs: number): number {
  const h = new Header(L, cstr(checkString(L, base, nargs, 1)));
  const data = checkString(L, base, nargs, 2);
  const ld = data.length;
  const init = optInteger(L, base, nargs, 3, 1);
  // posrelatI(init, ld) - 1
  let pos: number;
  if (init > 0) pos = typeof init === 'bigint' ? Number.MAX_SAFE_INTEGER : init - 1;
  else if (init === 0 || init === 0n) pos = 0;
  else if (init < -ld) pos = 0;
  else pos = ld + Number(init);
  if (pos > ld) argError(L, 3, 'initial position out of string');
  const results: LuaValue[] = [];
  while (h.pos < h.fmt.length) {
    const opt = getdetails(h, pos);
    const size = h.size;
    const ntoalign = h.ntoalign;
    if (ntoalign + size > ld - pos) argError(L, 2, 'data string too short');
    pos += ntoalign; // skip alignment
    // stack space for item + next position
    if (!L.checkStack(results.length + 2)) luaError(L, 'stack overflow (too many results)');
    switch (opt) {
      case K.Int:
      case K.Uint:
        results.push(unpackint(L, data, pos, h.islittle, size, opt === K.Int));
        break;
      case K.Float: {
        for (let i = 0; i < 4; i++) fbuf.setUint8(h.islittle ? i : 3 - i, data.charCodeAt(pos + i));
        results.push(mkfloat(fbuf.getFloat32(0, true)));
        break;
      }
      case K.Number:
      case K.Double: {
        for (let i = 0; i < 8; i++) fbuf.setUint8(h.islittle ? i : 7 - i, data.charCodeAt(pos + i));
        results.push(mkfloat(fbuf.getFloat64(0, true)));
        break;
      }
      case K.Char:
        results.push(data.slice(pos, pos + size));
        break;
      case K.String: {
        const len = unpackint(L, data, pos, h.islittle, size, false);
        const ulen = typeof len === 'bigint' ? BigInt.asUintN(64, len) : len;
        if (!(ulen >= 0 && ulen <= ld - pos - size)) argError(L, 2, 'data string too short');
        const n = Number(ulen);
        results.push(data.slice(pos + size, pos + size + n));
        pos += n; // skip string
        break;
      }
      case K.Zstr: {
        let z = data.indexOf('\0', pos);
        if (z < 0) z = ld;
        if (!(z < ld)) argError(L, 2, "unfinished string for format 'z'");
        results.push(data.slice(pos, z));
        pos = z + 1; // skip string plus final '\0'
        break;
      }
      case K.Paddalign: case K.Padding: case K.Nop:
        break;
    }
    pos += size;
  }
  const stack = L.stack;
  const n = results.length;
  for (let i = 0; i < n; i++) stack[base + i] = results[i];
  stack[base + n] = pos + 1; // next position
  return n + 1;
}
