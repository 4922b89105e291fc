// The string library (manual §6.4), a port of lstrlib.c: byte/char, sub, rep, case conversion,
// pattern matching (find, match, gmatch, gsub; engine in lpattern.ts), format (strformat.ts),
// pack/unpack (strpack.ts), and the string metatable (__index = string, plus the arithmetic
// metamethods that convert numeric strings).
//
// Strings are JS strings with one char per byte; all positions follow the reference's rules
// (posrelatI / getendpos), and messages are the reference's.

import { LuaTable } from '../runtime/table.js';
import { chargeMem, MEM_STRING } from '../runtime/memory.js';
import { LuaFunction, isFalsy, type LuaValue } from '../runtime/value.js';
import { LuaException } from '../runtime/error.js';
import { arith, isNumber, numberToString, stringToNumber, type ArithOp } from '../runtime/number.js';
import { BUILTIN_STRBYTE, BUILTIN_STRSUB, LuaClosure, NativeFunction } from '../vm/function.js';
import { dumpProto } from '../bytecode/dump.js';
import { LUA_MINSTACK, type LuaState, type LuaThread } from '../vm/state.js';
import { callNoYield, growStack } from '../vm/calls.js';
import * as ops from '../vm/ops.js';
import {
  arg, argError, checkInt, checkInteger, checkString, checkType, luaError, newLib, optInt, optInteger,
  optString, registerLib, typeError,
} from './aux.js';
import {
  MatchState, StrBuilder, bytesToString, captureCount, firstClassEnd, firstLiteral, getCapture, match,
  noSpecials, scanSet, singleClassSet, singleMatch, skipCaptureOpens, classTable,
} from './lpattern.js';
import { strFormat } from './strformat.js';
import { notEnoughMemory, strPack, strPackSize, strUnpack } from './strpack.js';

/** INT_MAX: the reference's limit for string sizes (MAXSIZE). */
const MAXSIZE = 0x7fffffff;
/** Longest string V8 can hold. */
const MAX_STRING = 536870888;

/** posrelatI: a start position, negative from the end, clipped to [1, inf). */
function posrelatI(pos: number, len: number): number {
  if (pos > 0) return pos;
  if (pos === 0) return 1;
  if (pos < -len) return 1;
  return len + pos + 1;
}

/** getendpos: an end position, negative from the end, clipped to [0, len]. */
function endPos(pos: number, len: number): number {
  if (pos > len) return len;
  if (pos >= 0) return pos;
  if (pos < -len) return 0;
  return len + pos + 1;
}

// ---- basic functions -------------------------------------------------------------------------

function strLen(L: LuaThread, base: number, nargs: number): number {
  L.stack[base] = checkString(L, base, nargs, 1).length;
  return 1;
}

function strSub(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const l = s.length;
  const start = posrelatI(checkInt(L, base, nargs, 2), l);
  const end = endPos(optInt(L, base, nargs, 3, -1), l);
  L.stack[base] = start > end ? '' : start === 1 && end === l ? s : s.slice(start - 1, end);
  return 1;
}

function strReverse(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const n = s.length;
  if (n <= 1) {
    L.stack[base] = s;
    return 1;
  }
  chargeMem(MEM_STRING + n); // memory accounting, before allocating
  const bytes = new Uint8Array(n);
  for (let i = 0, k = n - 1; i < n; i++, k--) bytes[i] = s.charCodeAt(k);
  L.stack[base] = bytesToString(bytes, 0, n);
  return 1;
}

/**
 * Map the bytes in [lo, hi] by adding delta (ASCII case conversion in the C locale). A string
 * of ASCII bytes only goes through JS's toUpperCase/toLowerCase, which map exactly a-z/A-Z
 * there (not for bytes >= 128: JS would also convert Latin-1 letters, 'ß' to "SS", ...).
 */
function mapCase(s: string, lo: number, hi: number, delta: number): string {
  const n = s.length;
  let i = 0;
  let ascii = true;
  while (i < n) {
    const c = s.charCodeAt(i);
    if (c >= lo && c <= hi) break;
    if (c >= 128) ascii = false;
    i++;
  }
  if (i === n) return s; // nothing to convert
  chargeMem(MEM_STRING + n); // memory accounting, before allocating
  if (ascii) {
    let k = i + 1;
    while (k < n && s.charCodeAt(k) < 128) k++;
    if (k === n) return delta < 0 ? s.toUpperCase() : s.toLowerCase();
  }
  const bytes = new Uint8Array(n);
  for (let k = 0; k < i; k++) bytes[k] = s.charCodeAt(k);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    bytes[i] = c >= lo && c <= hi ? c + delta : c;
  }
  return bytesToString(bytes, 0, n);
}

function strLower(L: LuaThread, base: number, nargs: number): number {
  L.stack[base] = mapCase(checkString(L, base, nargs, 1), 65, 90, 32);
  return 1;
}

function strUpper(L: LuaThread, base: number, nargs: number): number {
  L.stack[base] = mapCase(checkString(L, base, nargs, 1), 97, 122, -32);
  return 1;
}

function strRep(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const n = checkInteger(L, base, nargs, 2);
  const sep = optString(L, base, nargs, 3, '');
  const l = s.length;
  const lsep = sep.length;
  if (n <= 0) {
    L.stack[base] = '';
    return 1;
  }
  if (l + lsep === 0) {
    L.stack[base] = '';
    return 1;
  }
  if (typeof n === 'bigint' || l + lsep > Math.floor(MAXSIZE / n)) return luaError(L, 'resulting string too large');
  const total = n * l + (n - 1) * lsep;
  if (total > MAX_STRING) throw notEnoughMemory();
  chargeMem(MEM_STRING + total); // memory accounting, before allocating
  L.state.tick(L, total >>> 16);
  L.stack[base] = lsep === 0 ? s.repeat(n) : (s + sep).repeat(n - 1) + s;
  return 1;
}

function strByte(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const l = s.length;
  const pi = optInt(L, base, nargs, 2, 1);
  const posi = posrelatI(pi, l);
  const pose = endPos(optInt(L, base, nargs, 3, pi), l);
  if (posi > pose) return 0; // empty interval; return no values
  const n = pose - posi + 1;
  if (n >= MAXSIZE) return luaError(L, 'string slice too long');
  if (n > 1 && !L.checkStack(n)) return luaError(L, 'stack overflow (string slice too long)');
  const stack = L.stack;
  for (let i = 0; i < n; i++) stack[base + i] = s.charCodeAt(posi - 1 + i);
  return n;
}

function strChar(L: LuaThread, base: number, nargs: number): number {
  if (nargs <= 8) { // a few bytes: no array
    let r = '';
    for (let i = 1; i <= nargs; i++) {
      const c = checkInteger(L, base, nargs, i);
      if (!(typeof c === 'number' && c >= 0 && c <= 255)) argError(L, i, 'value out of range');
      r += String.fromCharCode(c as number);
    }
    L.stack[base] = r;
    return 1;
  }
  const codes: number[] = new Array(nargs);
  for (let i = 1; i <= nargs; i++) {
    const c = checkInteger(L, base, nargs, i);
    if (!(typeof c === 'number' && c >= 0 && c <= 255)) argError(L, i, 'value out of range');
    codes[i - 1] = c as number;
  }
  let r = '';
  for (let i = 0; i < nargs; i += 8192) r += String.fromCharCode.apply(null, codes.slice(i, i + 8192));
  L.stack[base] = r;
  return 1;
}

function strDump(L: LuaThread, base: number, nargs: number): number {
  checkType(L, base, nargs, 1, 'function');
  const f = L.stack[base];
  if (!(f instanceof LuaClosure)) return luaError(L, 'unable to dump given function');
  L.stack[base] = dumpProto(f.proto, nargs >= 2 && !isFalsy(L.stack[base + 1]));
  return 1;
}

// ---- pattern matching ------------------------------------------------------------------------

/** A match state bound to the thread it raises errors in and charges its steps to. */
class ThreadMatchState extends MatchState {
  L: LuaThread;
  constructor(L: LuaThread) {
    super();
    this.L = L;
    this.error = (msg: string): never => luaError(this.L, msg);
    this.onSteps = (): void => this.L.state.tick(this.L, 64); // long matches count against the host's limits
  }
}

// find, match and gsub take a match state from this pool and give it back when done, so a call
// allocates nothing for it. A state in use is not in the pool, so a nested call (a gsub
// replacement function calling find) gets another one; a state left behind by an error is
// simply not returned.
const freeMatchStates: ThreadMatchState[] = [];
function takeMatchState(L: LuaThread): ThreadMatchState {
  const ms = freeMatchStates.pop();
  if (ms === undefined) return new ThreadMatchState(L);
  ms.L = L;
  return ms;
}
function giveBackMatchState(ms: ThreadMatchState): void {
  ms.src = ''; // do not keep the subject alive
  if (freeMatchStates.length < 8) freeMatchStates.push(ms);
}

/** Write the captures of a match [s, e) from stack[at]; returns their count (push_captures). */
function pushCaptures(ms: MatchState, stack: LuaValue[], at: number, s: number, e: number, wholeMatch: boolean): number {
  const n = captureCount(ms, wholeMatch);
  for (let i = 0; i < n; i++) stack[at + i] = getCapture(ms, i, s, e);
  return n;
}

/** str_find_aux: find (find = true) and match. */
function strFindAux(L: LuaThread, base: number, nargs: number, find: boolean): number {
  const s = checkString(L, base, nargs, 1);
  const p = checkString(L, base, nargs, 2);
  const ls = s.length;
  const init = posrelatI(optInt(L, base, nargs, 3, 1), ls) - 1;
  const stack = L.stack;
  if (init > ls) { // start after string's end?
    stack[base] = undefined; // cannot find anything
    return 1;
  }
  if (find && (!isFalsy(arg(L, base, nargs, 4)) || noSpecials(p))) {
    // do a plain search
    const i = s.indexOf(p, init);
    if (i >= 0) {
      stack[base] = i + 1;
      stack[base + 1] = i + p.length;
      return 2;
    }
  } else {
    const set = singleClassSet(p);
    if (set !== null) {
      // a one-byte match: the first byte in the set (lpattern.ts singleClassSet)
      const j = scanSet(set, s, init);
      if (j < ls) {
        if (find) {
          stack[base] = j + 1;
          stack[base + 1] = j + 1;
          return 2;
        }
        stack[base] = s.charAt(j);
        return 1;
      }
      stack[base] = undefined;
      return 1;
    }
    const ms = takeMatchState(L);
    ms.prepare(s, p);
    let s1 = init;
    const anchor = p.charCodeAt(0) === 94; // '^'
    const pstart = anchor ? 1 : 0;
    const p0 = anchor ? pstart : skipCaptureOpens(ms, pstart); // where the first item is
    const lit = anchor ? -1 : firstLiteral(ms, p0);
    const litch = lit >= 0 ? String.fromCharCode(lit) : '';
    let cls = -2; // firstClassEnd, once a first match() has run (-1: no class to skip with)
    do {
      if (lit >= 0) {
        s1 = s.indexOf(litch, s1);
        if (s1 < 0) break;
      } else if (cls >= 0) {
        if (ms.useSetTables) {
          const t = classTable(ms, p0, cls);
          while (s1 < ls && t[s.charCodeAt(s1)] === 0) s1++;
        } else {
          while (s1 < ls && !singleMatch(ms, s1, p0, cls)) s1++;
        }
        if (s1 >= ls) break;
      }
      ms.reset();
      const e = match(ms, s1, pstart);
      if (cls === -2) cls = lit >= 0 || anchor ? -1 : firstClassEnd(ms, p0);
      if (e !== -1) {
        let n: number;
        if (find) {
          stack[base] = s1 + 1; // start
          stack[base + 1] = e; // end
          n = pushCaptures(ms, stack, base + 2, s1, e, false) + 2;
        } else {
          n = pushCaptures(ms, stack, base, s1, e, true);
        }
        giveBackMatchState(ms);
        return n;
      }
    } while (s1++ < ls && !anchor);
    giveBackMatchState(ms);
  }
  stack[base] = undefined; // not found
  return 1;
}

function strFind(L: LuaThread, base: number, nargs: number): number {
  return strFindAux(L, base, nargs, true);
}

function strMatch(L: LuaThread, base: number, nargs: number): number {
  return strFindAux(L, base, nargs, false);
}

function strGmatch(L: LuaThread, base: number, nargs: number): number {
  const s = checkString(L, base, nargs, 1);
  const p = checkString(L, base, nargs, 2);
  const ls = s.length;
  let src = posrelatI(optInt(L, base, nargs, 3, 1), ls) - 1;
  if (src > ls) src = ls + 1; // start after string's end?
  let lastmatch = -1;
  const ms = new MatchState();
  ms.prepare(s, p);
  const p0 = skipCaptureOpens(ms, 0); // where the first item is
  const lit = firstLiteral(ms, p0);
  const litch = lit >= 0 ? String.fromCharCode(lit) : '';
  let cls = -2; // firstClassEnd, once a first match() has run (-1: no class to skip with)
  const iter = (L2: LuaThread, base2: number): number => {
    ms.error = (msg: string): never => luaError(L2, msg);
    for (; src <= ls; src++) {
      if (lit >= 0) {
        const next = s.indexOf(litch, src);
        if (next < 0) {
          src = ls + 1;
          break;
        }
        src = next;
      } else if (cls >= 0) {
        if (ms.useSetTables) {
          const t = classTable(ms, p0, cls);
          while (src < ls && t[s.charCodeAt(src)] === 0) src++;
        } else {
          while (src < ls && !singleMatch(ms, src, p0, cls)) src++;
        }
        if (src >= ls) {
          src = ls + 1;
          break;
        }
      }
      ms.reset();
      const e = match(ms, src, 0);
      if (cls === -2) cls = lit >= 0 ? -1 : firstClassEnd(ms, p0);
      if (e !== -1 && e !== lastmatch) {
        const start = src;
        src = lastmatch = e;
        return pushCaptures(ms, L2.stack, base2, start, e, true);
      }
    }
    return 0; // not found
  };
  const gm = new NativeFunction('gmatch_aux', iter);
  gm.refs = s; // (memory accounting)
  L.stack[base] = gm;
  return 1;
}

// gsub replacement strings, parsed once: literal pieces and capture references
const R_WHOLE = -1; // %0
const R_BADESC = -2; // '%' followed by something else: error when used

/** Parse a replacement string into literal strings and capture indices (%1 -> 0 ... %9 -> 8). */
function parseReplacement(news: string): (string | number)[] | undefined {
  let i = news.indexOf('%');
  if (i < 0) return undefined; // plain text
  const parts: (string | number)[] = [];
  let from = 0;
  while (i >= 0) {
    if (i > from) parts.push(news.slice(from, i));
    const c = i + 1 < news.length ? news.charCodeAt(i + 1) : 0;
    if (c === 37) parts.push('%');
    else if (c === 48) parts.push(R_WHOLE);
    else if (c >= 49 && c <= 57) parts.push(c - 49);
    else parts.push(R_BADESC);
    from = i + 2;
    i = news.indexOf('%', from);
  }
  if (from < news.length) parts.push(news.slice(from));
  return parts;
}

/** add_s: append the expansion of a parsed replacement string for the match [s, e). */
function addReplacement(L: LuaThread, ms: MatchState, b: StrBuilder, parts: (string | number)[], s: number, e: number): void {
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k];
    if (typeof part === 'string') b.add(part);
    else if (part === R_WHOLE) b.addSlice(ms.src, s, e);
    else if (part === R_BADESC) luaError(L, "invalid use of '%' in replacement string");
    else {
      const cap = getCapture(ms, part, s, e);
      b.add(typeof cap === 'string' ? cap : String(cap));
    }
  }
}

/**
 * add_value's lua_call(L, n, 1) for a function replacement: the captures of the match [s, e)
 * go straight to the stack (L.call would take them in an array and return a new one), and
 * the first result comes back. Not yieldable, C-call counted, as L.call.
 */
function callWithCaptures(L: LuaThread, f: LuaValue, ms: MatchState, s: number, e: number): LuaValue {
  const n = captureCount(ms, true);
  const stack = L.stack;
  const func = L.top;
  if (func + 1 + n + LUA_MINSTACK > stack.length) {
    if (func + 1 + n > L.stackLimit) throw new LuaException('stack overflow', true);
    growStack(L, func + 1 + n + LUA_MINSTACK);
  }
  for (let i = 0; i < n; i++) stack[func + 1 + i] = getCapture(ms, i, s, e);
  stack[func] = f;
  L.top = func + 1 + n;
  callNoYield(L, func, 1);
  L.top = func;
  return stack[func];
}

function strGsub(L: LuaThread, base: number, nargs: number): number {
  const src = checkString(L, base, nargs, 1);
  let p = checkString(L, base, nargs, 2);
  const srcl = src.length;
  const repl = arg(L, base, nargs, 3);
  const maxArg = optInteger(L, base, nargs, 4, srcl + 1);
  const maxS = typeof maxArg === 'bigint' ? (maxArg > 0n ? Infinity : -Infinity) : maxArg;
  let replStr: string | undefined;
  let replFn: LuaValue;
  let replTable: LuaValue;
  if (typeof repl === 'string') replStr = repl;
  else if (isNumber(repl)) replStr = numberToString(repl);
  else if (repl instanceof LuaFunction) replFn = repl;
  else if (repl instanceof LuaTable) replTable = repl;
  else typeError(L, base, nargs, 3, 'string/function/table');
  const parts = replStr !== undefined ? parseReplacement(replStr) : undefined;
  const set = singleClassSet(p);
  if (set !== null) {
    // a one-byte pattern (lpattern.ts singleClassSet) that matches nowhere: nothing to do
    if (scanSet(set, src, 0) === srcl) {
      L.stack[base] = src;
      L.stack[base + 1] = 0;
      return 2;
    }
  }
  const anchor = p.charCodeAt(0) === 94;
  const ms = takeMatchState(L);
  ms.prepare(src, p);
  const pstart = anchor ? 1 : 0;
  const p0 = anchor ? pstart : skipCaptureOpens(ms, pstart); // where the first item is
  const lit = anchor ? -1 : firstLiteral(ms, p0);
  const litch = lit >= 0 ? String.fromCharCode(lit) : '';
  const b = new StrBuilder();
  let s = 0; // current position
  let copied = 0; // src[copied..s) is still to be copied to b
  let lastmatch = -1;
  let n = 0;
  let changed = false;
  let cls = -2; // firstClassEnd, once a first match() has run (-1: no class to skip with)
  while (n < maxS) {
    if (lit >= 0) {
      const next = src.indexOf(litch, s);
      if (next < 0) break; // no more matches
      s = next;
    } else if (cls >= 0) {
      if (ms.useSetTables) {
        const t = classTable(ms, p0, cls);
        while (s < srcl && t[src.charCodeAt(s)] === 0) s++;
      } else {
        while (s < srcl && !singleMatch(ms, s, p0, cls)) s++;
      }
      if (s >= srcl) break; // no more matches
    }
    ms.reset();
    const e = match(ms, s, pstart);
    if (cls === -2) cls = lit >= 0 || anchor ? -1 : firstClassEnd(ms, p0);
    if (e !== -1 && e !== lastmatch) { // match?
      n++;
      // add_value
      if (replStr !== undefined) {
        b.addSlice(src, copied, s);
        if (parts === undefined) b.add(replStr);
        else addReplacement(L, ms, b, parts, s, e);
        copied = e;
        changed = true;
      } else {
        let v: LuaValue;
        if (replFn !== undefined) {
          v = callWithCaptures(L, replFn, ms, s, e);
        } else {
          v = ops.index(L, replTable, getCapture(ms, 0, s, e));
        }
        if (!isFalsy(v)) { // else keep the original text
          let r: string;
          if (typeof v === 'string') r = v;
          else if (isNumber(v)) r = numberToString(v);
          else return luaError(L, `invalid replacement value (a ${ops.typeName(v)})`);
          b.addSlice(src, copied, s);
          b.add(r);
          copied = e;
          changed = true;
        }
      }
      s = lastmatch = e;
    } else if (s < srcl) s++; // otherwise, skip one character
    else break; // end of subject
    if (anchor) break;
  }
  giveBackMatchState(ms);
  const stack = L.stack;
  if (changed) {
    b.addSlice(src, copied, srcl);
    stack[base] = b.toString();
  } else {
    // the original argument, as converted in place by luaL_checklstring (a number becomes a string)
    stack[base] = src;
  }
  stack[base + 1] = n;
  return 2;
}

// ---- the string metatable --------------------------------------------------------------------

/** tonum: a number, or a string that converts entirely to a number; undefined otherwise. */
function tonum(v: LuaValue): LuaValue {
  if (isNumber(v)) return v;
  if (typeof v === 'string') return stringToNumber(v);
  return undefined;
}

function arithMeta(op: ArithOp, event: string) {
  const opname = event.slice(2);
  return (L: LuaThread, base: number, nargs: number): number => {
    const a = arg(L, base, nargs, 1);
    const b = arg(L, base, nargs, 2);
    const na = tonum(a);
    // with a single argument the reference's tonum(L, 2) sees the number tonum(L, 1) pushed
    const nb = na === undefined ? undefined : nargs < 2 ? na : tonum(b);
    if (na !== undefined && nb !== undefined) {
      try {
        L.stack[base] = arith(op, na, nb);
      } catch (e) {
        // errors of lua_arith called from a C function carry no position
        if (e instanceof LuaException) e.needsPosition = false;
        throw e;
      }
      return 1;
    }
    // trymt: the second operand's metamethod, unless it is a string
    const mm = typeof b === 'string' ? undefined : ops.getMetamethod(L.state, b, event);
    if (mm === undefined) {
      return luaError(L, `attempt to ${opname} a '${ops.typeName(a)}' with a '${ops.typeName(b)}'`);
    }
    L.stack[base] = L.call(mm, [a, b])[0];
    return 1;
  };
}

export function openString(S: LuaState): void {
  const lib = newLib({
    byte: strByte,
    char: strChar,
    dump: strDump,
    find: strFind,
    format: strFormat,
    gmatch: strGmatch,
    gsub: strGsub,
    len: strLen,
    lower: strLower,
    match: strMatch,
    rep: strRep,
    reverse: strReverse,
    sub: strSub,
    upper: strUpper,
    pack: strPack,
    packsize: strPackSize,
    unpack: strUnpack,
  });
  registerLib(S, 'string', lib);
  // CALL runs these inline for ordinary arguments (vm/builtins.ts)
  (lib.getStr('byte') as NativeFunction).builtin = BUILTIN_STRBYTE;
  (lib.getStr('sub') as NativeFunction).builtin = BUILTIN_STRSUB;
  const meta = new LuaTable();
  const events: [ArithOp, string][] = [
    ['add', '__add'], ['sub', '__sub'], ['mul', '__mul'], ['mod', '__mod'], ['pow', '__pow'],
    ['div', '__div'], ['idiv', '__idiv'], ['unm', '__unm'],
  ];
  for (const [op, ev] of events) meta.setStr(ev, new NativeFunction(ev, arithMeta(op, ev)));
  meta.setStr('__index', lib);
  S.stringMeta = meta;
}
