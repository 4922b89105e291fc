// string.format (manual §6.4), following lstrlib.c's str_format: the same validation of each
// conversion specification (flags allowed per conversion, width and precision of at most two
// digits), the same order of argument checks and the same messages. Floats are formatted by
// runtime/numfmt.ts (C printf); integer conversions, %c, %s, %p and %q are done here.

import { chargeMem, MEM_STRING } from '../runtime/memory.js';
import { LuaFunction, LuaThreadBase, LuaUserdata, type LuaValue } from '../runtime/value.js';
import { LuaTable } from '../runtime/table.js';
import { isNumber, toFloat, MININTEGER } from '../runtime/number.js';
import { formatFloat } from '../runtime/numfmt.js';
import type { LuaThread } from '../vm/state.js';
import * as ops from '../vm/ops.js';
import { argError, checkInteger, checkNumber, checkString, luaError } from './aux.js';
import { isAlpha, isCntrl, isDigit } from './lpattern.js';

function flagTable(flags: string): Uint8Array {
  const t = new Uint8Array(256);
  for (const ch of flags) t[ch.charCodeAt(0)] = 1;
  return t;
}

// valid flags per conversion (L_FMTFLAGS*)
const FLAGS_F = flagTable('-+ #0'); // a A e E f g G
const FLAGS_X = flagTable('-#0'); // o x X
const FLAGS_I = flagTable('-+ 0'); // d i
const FLAGS_U = flagTable('-0'); // u
const FLAGS_C = flagTable('-'); // c p s

/** Characters getformat spans: flags, digits and '.'. */
const SPAN = new Uint8Array(256);
for (const ch of '-+ #0123456789.') SPAN[ch.charCodeAt(0)] = 1;

/** MAX_FORMAT - 10: a specification this long (with its conversion char) is rejected. */
const MAX_SPEC = 22;

/** The form as the C code prints it with "%s" (stops at a NUL conversion char). */
function showForm(form: string): string {
  const z = form.indexOf('\0');
  return z < 0 ? form : form.slice(0, z);
}

interface Spec {
  flags: string;
  width: number;
  precision: number; // -1: none
}

/** The result of checkFormat (one object, read right after each call). */
const lastSpec: Spec = { flags: '', width: 0, precision: -1 };

/**
 * checkformat: the specification must be flags (from `flags`), width <= 2 digits, '.' precision
 * <= 2 digits; also parses the form "%[flags][width][.precision]c" it accepts (in the same pass).
 */
function checkFormat(L: LuaThread, form: string, flags: Uint8Array, precision: boolean): Spec {
  const n = form.length;
  let k = 1; // skip '%'
  while (k < n && flags[form.charCodeAt(k)] === 1) k++; // skip the flags
  const flagStr = k === 1 ? '' : form.slice(1, k);
  let width = 0;
  let prec = -1;
  let c = form.charCodeAt(k);
  if (c !== 48) { // a width cannot start with '0'
    if (isDigit(c)) { // width: up to 2 digits
      width = c - 48;
      c = form.charCodeAt(++k);
      if (isDigit(c)) {
        width = width * 10 + c - 48;
        c = form.charCodeAt(++k);
      }
    }
    if (c === 46 && precision) { // '.' precision: up to 2 digits
      prec = 0;
      c = form.charCodeAt(++k);
      if (isDigit(c)) {
        prec = c - 48;
        c = form.charCodeAt(++k);
        if (isDigit(c)) {
          prec = prec * 10 + c - 48;
          c = form.charCodeAt(++k);
        }
      }
    }
  }
  if (!isAlpha(c)) luaError(L, `invalid conversion specification: '${showForm(form)}'`);
  lastSpec.flags = flagStr;
  lastSpec.width = width;
  lastSpec.precision = prec;
  return lastSpec;
}

function padField(body: string, width: number, left: boolean): string {
  if (body.length >= width) return body;
  const fill = ' '.repeat(width - body.length);
  return left ? body + fill : fill + body;
}

/** printf of a 64-bit integer with conversion d i u o x X. */
export function formatInt(conv: string, v: number | bigint, spec: Spec): string {
  const { flags, width, precision } = spec;
  const left = flags.includes('-');
  const zero = flags.includes('0') && !left && precision < 0;
  const hash = flags.includes('#');
  let sign = '';
  let digits: string;
  let prefix = '';
  const isZero = v === 0 || v === 0n;
  if (conv === 'd' || conv === 'i') {
    if (v < 0) {
      sign = '-';
      digits = typeof v === 'bigint' ? (-v).toString() : String(-v);
    } else {
      sign = flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
      digits = String(v);
    }
  } else {
    const u = v < 0 ? BigInt.asUintN(64, BigInt(v)) : v;
    digits = u.toString(conv === 'o' ? 8 : conv === 'u' ? 10 : 16);
    if (conv === 'X') digits = digits.toUpperCase();
    if (hash && !isZero) {
      if (conv === 'x') prefix = '0x';
      else if (conv === 'X') prefix = '0X';
    }
  }
  if (precision >= 0) {
    if (precision === 0 && isZero) digits = '';
    if (digits.length < precision) digits = '0'.repeat(precision - digits.length) + digits;
  }
  if (hash && conv === 'o' && digits[0] !== '0') digits = '0' + digits;
  const len = sign.length + prefix.length + digits.length;
  if (len >= width) return sign + prefix + digits;
  if (left) return sign + prefix + digits + ' '.repeat(width - len);
  if (zero) return sign + prefix + '0'.repeat(width - len) + digits;
  return ' '.repeat(width - len) + sign + prefix + digits;
}

/** addquoted: a string as a Lua literal that reads back to the same bytes. */
export function quoteString(s: string): string {
  const out: string[] = ['"'];
  let run = 0; // start of the current run of plain chars
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let esc: string | undefined;
    if (c === 34 || c === 92 || c === 10) esc = '\\' + s[i]; // '"' '\\' newline
    else if (isCntrl(c)) {
      esc = isDigit(s.charCodeAt(i + 1)) ? '\\' + String(c).padStart(3, '0') : '\\' + String(c);
    }
    if (esc !== undefined) {
      if (run < i) out.push(s.slice(run, i));
      out.push(esc);
      run = i + 1;
    }
  }
  if (run < n) out.push(s.slice(run));
  out.push('"');
  return out.join('');
}

/** quotefloat: floats in %q are written in hexadecimal (exact), inf/nan as expressions. */
function quoteFloat(x: number): string {
  if (x === Infinity) return '1e9999';
  if (x === -Infinity) return '-1e9999';
  if (x !== x) return '(0/0)';
  return formatFloat('a', x, '', 0, -1);
}

/** addliteral: the %q conversion. */
function addLiteral(L: LuaThread, v: LuaValue, argn: number): string {
  if (typeof v === 'string') return quoteString(v);
  if (isNumber(v)) {
    if (typeof v === 'bigint') return v === MININTEGER ? '0x8000000000000000' : v.toString();
    if (typeof v === 'number' && Number.isInteger(v)) return String(v);
    return quoteFloat(toFloat(v));
  }
  if (v === undefined || typeof v === 'boolean') return ops.tostring(L, v);
  return argError(L, argn, 'value has no literal form');
}

/** A pseudo address for %p: objects share ops.addressOf with tostring; strings hash their bytes. */
function pointerOf(v: LuaValue): string | undefined {
  if (v instanceof LuaTable || v instanceof LuaFunction || v instanceof LuaUserdata || v instanceof LuaThreadBase) {
    return ops.addressOf(v);
  }
  if (typeof v === 'string') {
    let h = 0x811c9dc5;
    for (let i = 0; i < v.length; i++) h = Math.imul(h ^ v.charCodeAt(i), 0x01000193);
    return '0x' + (0x7f0000000000 + (h >>> 0) * 16).toString(16);
  }
  return undefined; // numbers, booleans, nil: NULL
}

/** string.format(fmt, ...) */
export function strFormat(L: LuaThread, base: number, nargs: number): number {
  const fmt = checkString(L, base, nargs, 1);
  const stack = L.stack;
  let out = '';
  const n = fmt.length;
  let argn = 1;
  let i = 0;
  while (i < n) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      out += i === 0 ? fmt : fmt.slice(i);
      break;
    }
    if (pct > i) out += fmt.slice(i, pct);
    i = pct + 1;
    const c0 = fmt.charCodeAt(i);
    if (c0 === 37) { // '%%'
      out += '%';
      i++;
      continue;
    }
    // a format item
    if (++argn > nargs) argError(L, argn, 'no value');
    // bare '%d' '%s' '%f' '%g': no specification to check or parse (same checks and results
    // as the general path below)
    if (c0 === 100 || c0 === 105) { // 'd' 'i'
      out += String(checkInteger(L, base, nargs, argn));
      i++;
      continue;
    }
    if (c0 === 115) { // 's'
      out += ops.tostring(L, stack[base + argn - 1]);
      i++;
      continue;
    }
    if (c0 === 102 || c0 === 103) { // 'f' 'g'
      out += formatFloat(c0 === 102 ? 'f' : 'g', toFloat(checkNumber(L, base, nargs, argn)), '', 0, -1);
      i++;
      continue;
    }
    // getformat
    let j = i;
    while (j < n && SPAN[fmt.charCodeAt(j)] === 1) j++;
    const len = j - i + 1; // with the conversion char
    if (len >= MAX_SPEC) luaError(L, 'invalid format (too long)');
    const form = '%' + fmt.slice(i, i + len);
    const conv = j < n ? fmt[j] : '\0';
    i += len;
    const v = stack[base + argn - 1];
    switch (conv) {
      case 'c': {
        const spec = checkFormat(L, form, FLAGS_C, false);
        const k = checkInteger(L, base, nargs, argn);
        const code = typeof k === 'bigint' ? Number(k & 0xffn) : k & 0xff;
        out += padField(String.fromCharCode(code), spec.width, spec.flags.includes('-'));
        break;
      }
      case 'd': case 'i': case 'u': case 'o': case 'x': case 'X': {
        const k = checkInteger(L, base, nargs, argn);
        out += formatInt(conv, k, checkFormat(L, form, conv === 'd' || conv === 'i' ? FLAGS_I : conv === 'u' ? FLAGS_U : FLAGS_X, true));
        break;
      }
      case 'a': case 'A': {
        const spec = checkFormat(L, form, FLAGS_F, true);
        const x = toFloat(checkNumber(L, base, nargs, argn));
        out += formatFloat(conv, x, spec.flags, spec.width, spec.precision);
        break;
      }
      case 'f': case 'e': case 'E': case 'g': case 'G': {
        const x = toFloat(checkNumber(L, base, nargs, argn));
        const spec = checkFormat(L, form, FLAGS_F, true);
        out += formatFloat(conv, x, spec.flags, spec.width, spec.precision);
        break;
      }
      case 'p': {
        const ptr = pointerOf(v);
        const spec = checkFormat(L, form, FLAGS_C, false);
        out += padField(ptr ?? '(null)', spec.width, spec.flags.includes('-'));
        break;
      }
      case 'q': {
        if (form.length !== 2) luaError(L, "specifier '%q' cannot have modifiers");
        out += addLiteral(L, v, argn);
        break;
      }
      case 's': {
        const s = ops.tostring(L, v);
        if (form.length === 2) { // no modifiers
          out += s;
          break;
        }
        if (s.indexOf('\0') >= 0) argError(L, argn, 'string contains zeros');
        const spec = checkFormat(L, form, FLAGS_C, true);
        if (spec.precision < 0 && s.length >= 100) { // no precision and string is too long to be formatted
          out += s;
          break;
        }
        const body = spec.precision >= 0 && s.length > spec.precision ? s.slice(0, spec.precision) : s;
        out += padField(body, spec.width, spec.flags.includes('-'));
        break;
      }
      default: // also treat cases 'pnLlh'
        luaError(L, `invalid conversion '${showForm(form)}' to 'format'`);
    }
  }
  chargeMem(MEM_STRING + out.length); // memory accounting (runtime/memory.ts)
  stack[base] = out;
  return 1;
}

