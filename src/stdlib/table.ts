// The table library (manual §6.6): concat, insert, move, pack, remove, sort, unpack.
// Element access goes through __index/__newindex/__len as the manual specifies (ops.*).

import { LuaTable } from '../runtime/table.js';
import { LuaException } from '../runtime/error.js';
import { chargeMem, MEM_STRING } from '../runtime/memory.js';
import type { LuaValue } from '../runtime/value.js';
import { isNumber, numberToString, toInteger } from '../runtime/number.js';
import type { LuaState, LuaThread } from '../vm/state.js';
import * as ops from '../vm/ops.js';
import { arg, argError, checkInt, luaError, newLib, optInt, optString, registerLib, typeError } from './aux.js';

/** #t honouring __len, as an integer ("object length is not an integer"). */
function lenOf(L: LuaThread, t: LuaValue): number {
  const n = toInteger(ops.len(L, t));
  if (n === undefined) return luaError(L, 'object length is not an integer');
  return typeof n === 'number' ? n : Number(n);
}

/** Tables, or values whose metatable provides the needed fields (luaL's checktab). */
function checkTab(L: LuaThread, base: number, nargs: number, i: number): LuaValue {
  const v = arg(L, base, nargs, i);
  if (v instanceof LuaTable) return v;
  const mt = ops.getMetatable(L.state, v);
  if (mt && (mt.getStr('__index') !== undefined || mt.getStr('__newindex') !== undefined || mt.getStr('__len') !== undefined)) return v;
  return typeError(L, base, nargs, i, 'table');
}

function concat(L: LuaThread, base: number, nargs: number): number {
  const t = checkTab(L, base, nargs, 1);
  const sep = optString(L, base, nargs, 2, '');
  const i = optInt(L, base, nargs, 3, 1);
  const j = arg(L, base, nargs, 4) === undefined ? lenOf(L, t) : checkInt(L, base, nargs, 4);
  const parts: string[] = [];
  let size = 0;
  for (let k = i; k <= j; k++) {
    const v = ops.index(L, t, k);
    if (typeof v === 'string') parts.push(v);
    else if (isNumber(v)) parts.push(numberToString(v));
    else luaError(L, `invalid value (${ops.typeName(v)}) at index ${k} in table for 'concat'`);
    size += parts[parts.length - 1].length + sep.length;
    if ((k & 1023) === 0) L.state.tick(L, 16); // a long native loop: host limits apply
  }
  chargeMem(MEM_STRING + size); // memory accounting, before joining
  if (size > 536870888) throw new LuaException('not enough memory'); // V8's longest string
  L.stack[base] = parts.join(sep);
  return 1;
}

function insert(L: LuaThread, base: number, nargs: number): number {
  const t = checkTab(L, base, nargs, 1);
  const e = lenOf(L, t) + 1;
  if (nargs === 2) {
    ops.setIndex(L, t, e, L.stack[base + 1]);
    return 0;
  }
  if (nargs !== 3) return luaError(L, "wrong number of arguments to 'insert'");
  const pos = checkInt(L, base, nargs, 2);
  if (pos < 1 || pos > e) argError(L, 2, 'position out of bounds');
  const v = L.stack[base + 2];
  for (let k = e; k > pos; k--) ops.setIndex(L, t, k, ops.index(L, t, k - 1));
  ops.setIndex(L, t, pos, v);
  return 0;
}

function remove(L: LuaThread, base: number, nargs: number): number {
  const t = checkTab(L, base, nargs, 1);
  const size = lenOf(L, t);
  let pos = optInt(L, base, nargs, 2, size);
  // when given, pos must be in [1, size + 1] (unsigned comparison in the reference)
  if (pos !== size && !(pos >= 1 && pos <= size + 1)) argError(L, 2, 'position out of bounds');
  const v = ops.index(L, t, pos);
  for (; pos < size; pos++) ops.setIndex(L, t, pos, ops.index(L, t, pos + 1));
  ops.setIndex(L, t, pos, undefined);
  L.stack[base] = v;
  return 1;
}

function move(L: LuaThread, base: number, nargs: number): number {
  const a1 = checkTab(L, base, nargs, 1);
  const f = checkInt(L, base, nargs, 2);
  const e = checkInt(L, base, nargs, 3);
  const t = checkInt(L, base, nargs, 4);
  const tt = arg(L, base, nargs, 5) === undefined ? a1 : checkTab(L, base, nargs, 5);
  if (e >= f) {
    if (!(f > 0 || e < Number.MAX_SAFE_INTEGER + f)) argError(L, 3, 'too many elements to move');
    if (t > Number.MAX_SAFE_INTEGER - (e - f)) argError(L, 4, 'destination wrap around');
    if (t > e || t <= f || tt !== a1) {
      for (let i = 0; i <= e - f; i++) ops.setIndex(L, tt, t + i, ops.index(L, a1, f + i));
    } else {
      for (let i = e - f; i >= 0; i--) ops.setIndex(L, tt, t + i, ops.index(L, a1, f + i));
    }
  }
  L.stack[base] = tt;
  return 1;
}

function pack(L: LuaThread, base: number, nargs: number): number {
  const t = new LuaTable();
  for (let i = 0; i < nargs; i++) t.setInt(i + 1, L.stack[base + i]);
  t.setStr('n', nargs);
  L.stack[base] = t;
  return 1;
}

function unpack(L: LuaThread, base: number, nargs: number): number {
  const t = arg(L, base, nargs, 1);
  const i = optInt(L, base, nargs, 2, 1);
  const j = arg(L, base, nargs, 3) === undefined ? lenOf(L, t) : checkInt(L, base, nargs, 3);
  if (i > j) return 0;
  const n = j - i + 1;
  if (n >= 1000000 || !Number.isSafeInteger(n)) return luaError(L, 'too many results to unpack');
  const vals: LuaValue[] = [];
  for (let k = i; k <= j; k++) vals.push(ops.index(L, t, k));
  for (let k = 0; k < n; k++) L.stack[base + k] = vals[k];
  return n;
}

function sort(L: LuaThread, base: number, nargs: number): number {
  const t = checkTab(L, base, nargs, 1);
  const n = lenOf(L, t);
  if (n > 1) {
    if (n >= 0x7fffffff) argError(L, 1, 'array too big');
    const cmp = arg(L, base, nargs, 2);
    if (cmp !== undefined && ops.typeName(cmp) !== 'function') typeError(L, base, nargs, 2, 'function');
    const a: LuaValue[] = [];
    for (let k = 1; k <= n; k++) a.push(ops.index(L, t, k));
    const less = cmp === undefined
      ? (x: LuaValue, y: LuaValue): boolean => ops.lessThan(L, x, y)
      : (x: LuaValue, y: LuaValue): boolean => { const r = L.call(cmp, [x, y])[0]; return r !== undefined && r !== false; };
    // each comparison is a safe-point tick (host limits apply inside long sorts)
    const S = L.state;
    quicksort(L, a, 0, n - 1, (x, y) => {
      S.tick(L);
      return less(x, y);
    });
    for (let k = 0; k < n; k++) ops.setIndex(L, t, k + 1, a[k]);
  }
  return 0;
}

/** Quicksort with median-of-three; detects inconsistent comparators like the reference. */
function quicksort(L: LuaThread, a: LuaValue[], lo: number, hi: number, less: (x: LuaValue, y: LuaValue) => boolean): void {
  while (lo < hi) {
    if (hi - lo < 8) {
      for (let i = lo + 1; i <= hi; i++) {
        const v = a[i];
        let j = i - 1;
        while (j >= lo && less(v, a[j])) { a[j + 1] = a[j]; j--; }
        a[j + 1] = v;
      }
      return;
    }
    const mid = (lo + hi) >>> 1;
    if (less(a[mid], a[lo])) [a[mid], a[lo]] = [a[lo], a[mid]];
    if (less(a[hi], a[mid])) {
      [a[mid], a[hi]] = [a[hi], a[mid]];
      if (less(a[mid], a[lo])) [a[mid], a[lo]] = [a[lo], a[mid]];
    }
    const p = a[mid];
    [a[mid], a[hi - 1]] = [a[hi - 1], a[mid]];
    let i = lo;
    let j = hi - 1;
    for (;;) {
      while (less(a[++i], p)) if (i >= hi) luaError(L, 'invalid order function for sorting');
      while (less(p, a[--j])) if (j <= lo) luaError(L, 'invalid order function for sorting');
      if (j < i) break;
      [a[i], a[j]] = [a[j], a[i]];
    }
    [a[i], a[hi - 1]] = [a[hi - 1], a[i]];
    if (i - lo < hi - i) { quicksort(L, a, lo, i - 1, less); lo = i + 1; } else { quicksort(L, a, i + 1, hi, less); hi = i - 1; }
  }
}

export function openTable(S: LuaState): void {
  registerLib(S, 'table', newLib({ concat, insert, move, pack, remove, sort, unpack }));
}
