// The table library (manual §6.6): concat, insert, move, pack, remove, sort, unpack, a port of
// ltablib.c (5.4.4). Element access goes through __index/__newindex/__len as the manual
// specifies (ops.*); plain tables without a metatable take a raw fast path with the same result.
//
// Positions are full 64-bit Lua integers (number | bigint). Loops run on JS numbers when every
// position involved is a number (|n| <= 2^53 - 1) and on bigints otherwise, so the positions in
// messages and the keys touched are exactly the reference's even at math.maxinteger.

import { LuaTable } from '../runtime/table.js';
import { LuaException, memoryError } from '../runtime/error.js';
import { chargeMem, MEM_STRING } from '../runtime/memory.js';
import { mkint, type LuaValue } from '../runtime/value.js';
import { isNumber, numberToString, toInteger, type LuaInteger } from '../runtime/number.js';
import type { LuaState, LuaThread } from '../vm/state.js';
import * as ops from '../vm/ops.js';
import { callNoYield2 } from '../vm/calls.js';
import { BUILTIN_TINSERT, BUILTIN_TREMOVE, type NativeFunction } from '../vm/function.js';
import { arg, argError, checkInteger, checkType, luaError, newLib, optInteger, optString, registerLib } from './aux.js';

const MAXINT = 9223372036854775807n;
/** INT_MAX of the reference (limits of unpack and sort). */
const INT_MAX = 0x7fffffff;

// what checktab requires of a non-table's metatable
const TAB_R = 1; // __index
const TAB_W = 2; // __newindex
const TAB_L = 4; // __len

function big(n: LuaInteger): bigint {
  return typeof n === 'bigint' ? n : BigInt(n);
}

/** A 64-bit two's complement result as a canonical Lua integer. */
function wrap(b: bigint): LuaInteger {
  return mkint(BigInt.asIntN(64, b));
}

/** A plain table: raw access gives the same results as access with metamethods. */
function isPlain(t: LuaValue): t is LuaTable {
  return t instanceof LuaTable && t.metatable === undefined;
}

/** lua_geti */
function geti(L: LuaThread, t: LuaValue, i: LuaInteger): LuaValue {
  if (typeof i === 'number' && isPlain(t)) return t.getInt(i);
  return ops.index(L, t, i);
}

/** lua_seti */
function seti(L: LuaThread, t: LuaValue, i: LuaInteger, v: LuaValue): void {
  if (typeof i === 'number' && isPlain(t)) t.setInt(i, v);
  else ops.setIndex(L, t, i, v);
}

/** checktab: a table, or a value whose metatable has every field `what` asks for. */
function checkTab(L: LuaThread, base: number, nargs: number, i: number, what: number): LuaValue {
  const v = arg(L, base, nargs, i);
  if (v instanceof LuaTable) return v;
  const mt = ops.getMetatable(L.state, v);
  if (
    mt !== undefined &&
    (!(what & TAB_R) || mt.getStr('__index') !== undefined) &&
    (!(what & TAB_W) || mt.getStr('__newindex') !== undefined) &&
    (!(what & TAB_L) || mt.getStr('__len') !== undefined)
  ) {
    return v;
  }
  return checkType(L, base, nargs, i, 'table'); // force an error
}

/** luaL_len: #t honouring __len, which must give an integer (numeric strings convert). */
function lenOf(L: LuaThread, t: LuaValue): LuaInteger {
  const v = isPlain(t) ? t.length() : ops.len(L, t);
  const n = typeof v === 'number' && Number.isInteger(v) ? v : toInteger(v);
  if (n === undefined) return luaError(L, 'object length is not an integer');
  return n;
}

/** aux_getn */
function auxGetn(L: LuaThread, base: number, nargs: number, i: number, what: number): LuaInteger {
  const t = checkTab(L, base, nargs, i, what | TAB_L);
  return lenOf(L, t);
}

// ---- concat, insert, remove, move ----------------------------------------------------------

/**
 * Joins many pieces with a separator. Pieces are joined in chunks and the chunks joined at the
 * end: in V8 this is about twice as fast as one Array.join over a million short strings.
 */
class Joiner {
  private chunks: string[] = [];
  private part: string[] = [];
  /** bytes of the result so far, for memory accounting before the join */
  private size = 0;
  constructor(private readonly L: LuaThread, private readonly sep: string) {}

  push(s: string): void {
    const part = this.part;
    part.push(s);
    this.size += s.length + this.sep.length;
    if (part.length === 4096) {
      this.L.state.tick(this.L, 64); // a long native loop: host limits apply
      if (this.size > 536870888) throw memoryError(); // V8's longest string
      this.chunks.push(part.join(this.sep));
      this.part = [];
    }
  }

  result(): string {
    if (this.size > 536870888) throw memoryError(); // V8's longest string
    chargeMem(MEM_STRING + this.size); // memory accounting, before the final join
    const chunks = this.chunks;
    const part = this.part;
    if (chunks.length === 0) return part.length === 1 ? part[0] : part.join(this.sep);
    if (part.length > 0) chunks.push(part.join(this.sep));
    return chunks.join(this.sep);
  }
}

function addField(L: LuaThread, t: LuaValue, i: LuaInteger, parts: Joiner): void {
  const v = geti(L, t, i);
  if (typeof v === 'string') parts.push(v);
  else if (isNumber(v)) parts.push(numberToString(v));
  else luaError(L, `invalid value (${ops.typeName(v)}) at index ${i} in table for 'concat'`);
}

function concat(L: LuaThread, base: number, nargs: number): number {
  const t = checkTab(L, base, nargs, 1, TAB_R | TAB_L);
  let last = lenOf(L, t);
  const sep = optString(L, base, nargs, 2, '');
  const first = optInteger(L, base, nargs, 3, 1);
  last = optInteger(L, base, nargs, 4, last);
  if (typeof first === 'number' && typeof last === 'number' && last - first < 16 && isPlain(t)) {
    // a few pieces (a buffer of one string, a short list): `+` makes ropes, no Joiner arrays
    let res = '';
    for (let i = first; i <= last; i++) {
      const v = t.getInt(i);
      let piece: string;
      if (typeof v === 'string') piece = v;
      else if (isNumber(v)) piece = numberToString(v);
      else return luaError(L, `invalid value (${ops.typeName(v)}) at index ${i} in table for 'concat'`);
      if (res.length + sep.length + piece.length > 536870888) throw memoryError(); // V8's longest string
      res = i === first ? piece : res + sep + piece;
    }
    chargeMem(MEM_STRING + (last >= first ? res.length + sep.length : 0)); // as Joiner.result
    L.stack[base] = res;
    return 1;
  }
  const parts = new Joiner(L, sep);
  if (typeof first === 'number' && typeof last === 'number') {
    if (isPlain(t)) {
      // raw fast path: the array part directly, other keys through getInt
      for (let i = first; i <= last; i++) {
        const v = t.getInt(i);
        if (typeof v === 'string') parts.push(v);
        else if (isNumber(v)) parts.push(numberToString(v));
        else luaError(L, `invalid value (${ops.typeName(v)}) at index ${i} in table for 'concat'`);
      }
    } else {
      for (let i = first; i <= last; i++) addField(L, t, i, parts);
    }
  } else {
    const e = big(last);
    for (let i = big(first); i <= e; i++) addField(L, t, mkint(i), parts);
  }
  L.stack[base] = parts.result();
  return 1;
}

/**
 * The element loops of insert, remove and move tick the host limits (instruction budget,
 * deadline, interrupts) every 1024 elements, one tick per 64 as concat does: before, a
 * table.move(t, 1, 1e7, 2) ran for many seconds past a 3 s deadline.
 */
function longLoopTick(L: LuaThread): void {
  L.state.tick(L, 16);
}

function insert(L: LuaThread, base: number, nargs: number): number {
  const t = checkTab(L, base, nargs, 1, TAB_R | TAB_W | TAB_L);
  const e = wrap(big(lenOf(L, t)) + 1n); // first empty element
  let pos: LuaInteger;
  switch (nargs) {
    case 2: // only the value: insert at the end
      pos = e;
      break;
    case 3: {
      pos = checkInteger(L, base, nargs, 2);
      // pos must be in [1, e] (an unsigned comparison in the reference)
      if (!(BigInt.asUintN(64, big(pos) - 1n) < BigInt.asUintN(64, big(e)))) argError(L, 2, 'position out of bounds');
      if (typeof e === 'number' && typeof pos === 'number') {
        for (let i = e; i > pos; i--) { seti(L, t, i, geti(L, t, i - 1)); if ((i & 1023) === 0) longLoopTick(L); } // move up elements
      } else {
        const p = big(pos);
        for (let i = big(e); i > p; i--) { seti(L, t, mkint(i), geti(L, t, mkint(i - 1n))); if ((i & 1023n) === 0n) longLoopTick(L); }
      }
      break;
    }
    default:
      return luaError(L, "wrong number of arguments to 'insert'");
  }
  seti(L, t, pos, L.stack[base + nargs - 1]); // t[pos] = v
  return 0;
}

function remove(L: LuaThread, base: number, nargs: number): number {
  const t = checkTab(L, base, nargs, 1, TAB_R | TAB_W | TAB_L);
  const size = lenOf(L, t);
  let pos = optInteger(L, base, nargs, 2, size);
  if (pos !== size) {
    // a given pos must be in [1, size + 1] (unsigned comparison; the 5.4.4 message names argument 1)
    if (!(BigInt.asUintN(64, big(pos) - 1n) <= BigInt.asUintN(64, big(size)))) argError(L, 1, 'position out of bounds');
  }
  const v = geti(L, t, pos); // result = t[pos]
  if (typeof pos === 'number' && typeof size === 'number') {
    for (; pos < size; pos++) { seti(L, t, pos, geti(L, t, pos + 1)); if ((pos & 1023) === 0) longLoopTick(L); }
  } else {
    let p = big(pos);
    const s = big(size);
    for (; p < s; p++) { seti(L, t, mkint(p), geti(L, t, mkint(p + 1n))); if ((p & 1023n) === 0n) longLoopTick(L); }
    pos = mkint(p);
  }
  seti(L, t, pos, undefined); // remove entry t[pos]
  L.stack[base] = v;
  return 1;
}

function move(L: LuaThread, base: number, nargs: number): number {
  const f = checkInteger(L, base, nargs, 2);
  const e = checkInteger(L, base, nargs, 3);
  const t = checkInteger(L, base, nargs, 4);
  const hasDest = arg(L, base, nargs, 5) !== undefined;
  const a1 = checkTab(L, base, nargs, 1, TAB_R);
  // without a destination, argument 1 must also be writable (a string, whose metatable has
  // __index but no __newindex, is refused here as in the reference)
  const tt = checkTab(L, base, nargs, hasDest ? 5 : 1, TAB_W);
  if (e >= f) { // otherwise, nothing to move
    const bf = big(f);
    const be = big(e);
    const bt = big(t);
    if (!(bf > 0n || be < MAXINT + bf)) argError(L, 3, 'too many elements to move');
    const n = be - bf + 1n; // number of elements to move
    if (!(bt <= MAXINT - n + 1n)) argError(L, 4, 'destination wrap around');
    const forward = bt > be || bt <= bf || (hasDest && !ops.equals(L, a1, tt));
    if (typeof f === 'number' && typeof e === 'number' && typeof t === 'number' && t + (e - f) <= Number.MAX_SAFE_INTEGER) {
      const k = e - f;
      if (forward) for (let i = 0; i <= k; i++) { seti(L, tt, t + i, geti(L, a1, f + i)); if ((i & 1023) === 0) longLoopTick(L); }
      else for (let i = k; i >= 0; i--) { seti(L, tt, t + i, geti(L, a1, f + i)); if ((i & 1023) === 0) longLoopTick(L); }
    } else if (forward) {
      for (let i = 0n; i < n; i++) { seti(L, tt, mkint(bt + i), geti(L, a1, mkint(bf + i))); if ((i & 1023n) === 0n) longLoopTick(L); }
    } else {
      for (let i = n - 1n; i >= 0n; i--) { seti(L, tt, mkint(bt + i), geti(L, a1, mkint(bf + i))); if ((i & 1023n) === 0n) longLoopTick(L); }
    }
  }
  L.stack[base] = tt; // return destination table
  return 1;
}

// ---- pack, unpack --------------------------------------------------------------------------

function pack(L: LuaThread, base: number, nargs: number): number {
  const t = new LuaTable();
  for (let i = 0; i < nargs; i++) t.setInt(i + 1, L.stack[base + i]);
  t.setStr('n', nargs);
  L.stack[base] = t;
  return 1;
}

function unpack(L: LuaThread, base: number, nargs: number): number {
  const t = arg(L, base, nargs, 1);
  const i = optInteger(L, base, nargs, 2, 1);
  const e = arg(L, base, nargs, 3) === undefined ? lenOf(L, t) : checkInteger(L, base, nargs, 3);
  if (i > e) return 0; // empty range
  const n1 = big(e) - big(i); // number of elements minus 1 (no overflow with bigints)
  if (n1 >= BigInt(INT_MAX) || !L.checkStack(Number(n1) + 1)) return luaError(L, 'too many results to unpack');
  const n = Number(n1) + 1;
  const stack = L.stack;
  if (typeof i === 'number' && typeof e === 'number') {
    if (isPlain(t)) {
      for (let k = 0; k < n; k++) stack[base + k] = t.getInt(i + k);
    } else {
      // values are collected first: a metamethod call may use the stack above base
      const vals: LuaValue[] = new Array(n);
      for (let k = 0; k < n; k++) vals[k] = ops.index(L, t, i + k);
      for (let k = 0; k < n; k++) stack[base + k] = vals[k];
    }
  } else {
    const vals: LuaValue[] = new Array(n);
    const bi = big(i);
    for (let k = 0; k < n; k++) vals[k] = ops.index(L, t, mkint(bi + BigInt(k)));
    for (let k = 0; k < n; k++) stack[base + k] = vals[k];
  }
  return n;
}

// ---- sort ----------------------------------------------------------------------------------
// A port of ltablib.c's quicksort: the same pivots, comparisons, swaps and error checks, so the
// comparator sees the same calls and an invalid order function is detected on the same inputs.

/** Element access for the sort: a JS array copy for plain tables, the table itself otherwise. */
interface SortArray {
  get(i: number): LuaValue;
  set(i: number, v: LuaValue): void;
}

const RANLIMIT = 100;

/** l_randomizePivot: the reference mixes clock() and time(); any value is valid. */
function randomizePivot(): number {
  return (Date.now() ^ Math.floor(performance.now() * 1000)) >>> 0;
}

function choosePivot(lo: number, up: number, rnd: number): number {
  const r4 = Math.floor((up - lo) / 4); // range/4
  return (rnd % (r4 * 2)) + (lo + r4);
}

function sortError(L: LuaThread): never {
  return luaError(L, 'invalid order function for sorting');
}

/** partition: a[up - 1] holds the pivot P; returns its final position. */
function partition(L: LuaThread, a: SortArray, lo: number, up: number, P: LuaValue, less: (x: LuaValue, y: LuaValue) => boolean): number {
  let i = lo; // will be incremented before first use
  let j = up - 1; // will be decremented before first use
  // loop invariant: a[lo .. i] <= P <= a[j .. up], a[up - 1] == P
  for (;;) {
    let ai: LuaValue;
    // repeat ++i while a[i] < P
    while (less((ai = a.get(++i)), P)) {
      if (i === up - 1) sortError(L); // a[i] < P but a[up - 1] == P ??
    }
    // repeat --j while P < a[j]
    let aj: LuaValue;
    while (less(P, (aj = a.get(--j)))) {
      if (j < i) sortError(L); // j < i but a[j] > P ??
    }
    if (j < i) { // no elements to be exchanged
      // swap pivot (a[up - 1]) with a[i]
      a.set(up - 1, ai);
      a.set(i, P);
      return i;
    }
    // swap a[i] - a[j] to restore the invariant and repeat
    a.set(i, aj);
    a.set(j, ai);
  }
}

function auxsort(L: LuaThread, a: SortArray, lo: number, up: number, rnd: number, less: (x: LuaValue, y: LuaValue) => boolean): void {
  while (lo < up) { // loop for tail recursion
    // sort elements 'lo', 'p', and 'up'
    {
      const alo = a.get(lo);
      const aup = a.get(up);
      if (less(aup, alo)) { // a[up] < a[lo]?
        a.set(lo, aup);
        a.set(up, alo);
      }
    }
    if (up - lo === 1) break; // only 2 elements: already sorted
    let p: number; // pivot index
    if (up - lo < RANLIMIT || rnd === 0) p = Math.floor((lo + up) / 2); // use middle point
    else p = choosePivot(lo, up, rnd); // for larger intervals, it is expensive to solve worst cases
    {
      const ap = a.get(p);
      const alo = a.get(lo);
      if (less(ap, alo)) { // a[p] < a[lo]?
        a.set(p, alo);
        a.set(lo, ap);
      } else {
        const aup = a.get(up);
        if (less(aup, ap)) { // a[up] < a[p]?
          a.set(p, aup);
          a.set(up, ap);
        }
      }
    }
    if (up - lo === 2) break; // only 3 elements: already sorted
    const P = a.get(p); // get median (pivot)
    const aup1 = a.get(up - 1);
    a.set(p, aup1); // a[p] = a[up - 1]; a[up - 1] = a[p]
    a.set(up - 1, P);
    p = partition(L, a, lo, up, P, less);
    // a[lo .. p - 1] <= a[p] == P <= a[p + 1 .. up]
    let n: number; // size of the smaller interval
    if (p - lo < up - p) { // lower interval is shorter?
      auxsort(L, a, lo, p - 1, rnd, less); // call recursively for lower interval
      n = p - lo;
      lo = p + 1; // tail call for [p + 1 .. up] (upper interval)
    } else {
      auxsort(L, a, p + 1, up, rnd, less); // call recursively for upper interval
      n = up - p;
      up = p - 1; // tail call for [lo .. p - 1] (lower interval)
    }
    if (Math.floor((up - lo) / 128) > n) rnd = randomizePivot(); // partition too imbalanced? try a new randomization
  }
}

function sort(L: LuaThread, base: number, nargs: number): number {
  const t = checkTab(L, base, nargs, 1, TAB_R | TAB_W | TAB_L);
  const len = lenOf(L, t);
  if (len > 1) { // non-trivial interval?
    if (!(len < INT_MAX)) argError(L, 1, 'array too big');
    const n = Number(len);
    const cmp = arg(L, base, nargs, 2);
    if (cmp !== undefined) checkType(L, base, nargs, 2, 'function');
    // each comparison is a safe-point tick (host limits apply inside long sorts)
    const S = L.state;
    const less = cmp === undefined
      ? (x: LuaValue, y: LuaValue): boolean => { S.tick(L); return ops.lessThan(L, x, y); }
      : (x: LuaValue, y: LuaValue): boolean => {
        S.tick(L);
        const r = callNoYield2(L, cmp, x, y);
        return r !== undefined && r !== false;
      };
    if (isPlain(t)) {
      // sort a copy and write it back, also when the comparator raises an error, so the
      // table ends in the same state as the reference's in-place sort
      const copy: LuaValue[] = new Array(n + 1);
      for (let k = 1; k <= n; k++) copy[k] = t.getInt(k);
      const a: SortArray = { get: (i) => copy[i], set: (i, v) => { copy[i] = v; } };
      try {
        auxsort(L, a, 1, n, 0, less);
      } finally {
        for (let k = 1; k <= n; k++) t.setInt(k, copy[k]);
      }
    } else {
      const a: SortArray = { get: (i) => ops.index(L, t, i), set: (i, v) => ops.setIndex(L, t, i, v) };
      auxsort(L, a, 1, n, 0, less);
    }
  }
  return 0;
}

export function openTable(S: LuaState): void {
  const lib = newLib({ concat, insert, move, pack, remove, sort, unpack });
  // CALL runs these inline on plain tables (vm/builtins.ts); their identity is the guard
  (lib.getStr('insert') as NativeFunction).builtin = BUILTIN_TINSERT;
  (lib.getStr('remove') as NativeFunction).builtin = BUILTIN_TREMOVE;
  registerLib(S, 'table', lib);
}
