// Lua tables: an array part for the keys 1..n and a hash part for everything else.
//
// Array part: `arr[i-1]` holds t[i] for 1 <= i <= arr.length. Invariants:
//   - arr never ends with nil (trailing nils are popped), so `#t` is arr.length in O(1);
//   - the hash part never holds the key arr.length+1: appending migrates following keys.
//   Holes (nil) inside arr are allowed; `#t` then returns a valid border as the manual permits.
// Hash part: insertion-ordered slots `hkeys[i]`/`hvals[i]` with `index` mapping a normalised
//   key to its slot. Assigning nil leaves a tombstone (the key stays, the value is undefined) so
//   `next` keeps working when fields are cleared during a traversal, as the manual requires.
//   Tombstones are compacted only when a NEW key is inserted (which the manual says may
//   invalidate a traversal). The slot layout is what inline caches will index (issue 6).
//
// Keys are normalised before use: floats with an integral value become integers (2.0 -> 2,
// -0.0 -> 0), so each Lua key has exactly one JS representation in `index`.

import { LuaFloat, type LuaValue } from './value.js';
import { chargeMem, MEM_TABLE, MEM_ARRAY_SLOT, MEM_HASH_SLOT, MEM_TABLE_STEP } from './memory.js';

export class LuaTable {
  arr: LuaValue[] = [];
  hkeys: LuaValue[] = [];
  hvals: LuaValue[] = [];
  index: Map<unknown, number> = new Map();
  /** Number of tombstones in the hash part. */
  private dead = 0;
  metatable: LuaTable | undefined = undefined;

  constructor(narr = 0, nhash = 0) {
    void narr;
    void nhash;
    chargeMem(MEM_TABLE); // memory accounting (runtime/memory.ts)
  }

  // ---- reads -------------------------------------------------------------------------------

  /** Raw get with any key. */
  get(key: LuaValue): LuaValue {
    if (typeof key === 'number') {
      if (Number.isInteger(key)) return this.getInt(key);
      return this.getHash(key);
    }
    if (typeof key === 'string') return this.getStr(key);
    if (key instanceof LuaFloat) return this.get(normFloatKey(key.n));
    return this.getHash(key);
  }

  /** Raw get with an integer key that is a JS number. */
  getInt(i: number): LuaValue {
    const arr = this.arr;
    if (i >= 1 && i <= arr.length) return arr[i - 1];
    return this.getHash(i);
  }

  /** Raw get with a string key. */
  getStr(key: string): LuaValue {
    const slot = this.index.get(key);
    return slot === undefined ? undefined : this.hvals[slot];
  }

  private getHash(key: unknown): LuaValue {
    const slot = this.index.get(key);
    return slot === undefined ? undefined : this.hvals[slot];
  }

  // ---- writes ------------------------------------------------------------------------------

  /**
   * Raw set with any key. The caller must have rejected nil and NaN keys (the VM raises
   * "index is nil" / "index is NaN" with position information); see `checkKey`.
   */
  set(key: LuaValue, v: LuaValue): void {
    if (typeof key === 'number') {
      if (Number.isInteger(key)) this.setInt(key, v);
      else this.setHash(key, v);
      return;
    }
    if (typeof key === 'string') {
      this.setStr(key, v);
      return;
    }
    if (key instanceof LuaFloat) {
      this.set(normFloatKey(key.n), v);
      return;
    }
    this.setHash(key, v);
  }

  setInt(i: number, v: LuaValue): void {
    const arr = this.arr;
    const n = arr.length;
    if (i >= 1 && i <= n) {
      arr[i - 1] = v;
      if (v === undefined && i === n) this.trimArray();
      return;
    }
    if (i === n + 1 && v !== undefined) {
      // memory accounting (before the change): the array part is charged every MEM_TABLE_STEP appends
      if ((n & (MEM_TABLE_STEP - 1)) === 0) chargeMem(MEM_TABLE_STEP * MEM_ARRAY_SLOT);
      arr.push(v);
      if (this.index.size !== 0) this.migrateFromHash();
      return;
    }
    this.setHash(i, v);
  }

  setStr(key: string, v: LuaValue): void {
    this.setHash(key, v);
  }

  private setHash(key: unknown, v: LuaValue): void {
    const slot = this.index.get(key);
    if (slot !== undefined) {
      const old = this.hvals[slot];
      if (old === undefined && v !== undefined) this.dead--;
      else if (old !== undefined && v === undefined) this.dead++;
      this.hvals[slot] = v;
      return;
    }
    if (v === undefined) return;
    if (this.dead > 8 && this.dead * 2 > this.hkeys.length) this.compact();
    const n = this.hkeys.length;
    // memory accounting: the hash part is charged every MEM_TABLE_STEP new keys
    if ((n & (MEM_TABLE_STEP - 1)) === 0) chargeMem(MEM_TABLE_STEP * MEM_HASH_SLOT);
    this.index.set(key, n);
    this.hkeys.push(key as LuaValue);
    this.hvals.push(v);
  }

  /** Pop trailing nils so the array part never ends with nil. */
  private trimArray(): void {
    const arr = this.arr;
    let n = arr.length;
    while (n > 0 && arr[n - 1] === undefined) n--;
    arr.length = n;
  }

  /** After an append, move keys n+1, n+2, ... from the hash part into the array part. */
  private migrateFromHash(): void {
    const arr = this.arr;
    for (;;) {
      const k = arr.length + 1;
      const slot = this.index.get(k);
      if (slot === undefined) return;
      const v = this.hvals[slot];
      if (v === undefined) return;
      this.hvals[slot] = undefined;
      this.dead++;
      arr.push(v);
    }
  }

  /** Drop tombstones from the hash part. */
  private compact(): void {
    const keys: LuaValue[] = [];
    const vals: LuaValue[] = [];
    const index = new Map<unknown, number>();
    for (let i = 0; i < this.hkeys.length; i++) {
      const v = this.hvals[i];
      if (v === undefined) continue;
      index.set(this.hkeys[i], keys.length);
      keys.push(this.hkeys[i]);
      vals.push(v);
    }
    this.hkeys = keys;
    this.hvals = vals;
    this.index = index;
    this.dead = 0;
  }

  // ---- length and traversal ----------------------------------------------------------------

  /** The border `#t` without metamethods. */
  length(): number {
    const n = this.arr.length;
    if (n > 0) return n;
    // arr is empty: the hash part cannot hold key 1 (it would have been appended), so 0.
    return 0;
  }

  /**
   * Traversal: returns the position after `key` (0 for the first call with nil key), or -1 if
   * `key` is not in the table. Positions 1..arr.length are array slots; arr.length+1.. are hash
   * slots. Use `nextFrom` to find the next non-nil entry.
   */
  private positionOf(key: LuaValue): number {
    if (key === undefined) return 0;
    let k: unknown = key;
    if (key instanceof LuaFloat) k = normFloatKey(key.n);
    if (typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= this.arr.length) return k;
    const slot = this.index.get(k);
    if (slot === undefined) return -1;
    return this.arr.length + slot + 1;
  }

  /**
   * `next(t, key)`: writes the next key and value into out[0], out[1] and returns true, or
   * returns false at the end. Returns undefined if `key` is not a key of the table (the caller
   * raises "invalid key to 'next'").
   */
  next(key: LuaValue, out: LuaValue[]): boolean | undefined {
    let pos = this.positionOf(key);
    if (pos < 0) return undefined;
    const arr = this.arr;
    const n = arr.length;
    for (; pos < n; pos++) {
      const v = arr[pos];
      if (v !== undefined) {
        out[0] = pos + 1;
        out[1] = v;
        return true;
      }
    }
    const hvals = this.hvals;
    for (let slot = pos - n; slot < hvals.length; slot++) {
      const v = hvals[slot];
      if (v !== undefined) {
        const k = this.hkeys[slot];
        // a float key beyond the integer range is stored as a plain number; re-box it
        out[0] = typeof k === 'number' && Number.isInteger(k) && !Number.isSafeInteger(k) ? new LuaFloat(k) : k;
        out[1] = v;
        return true;
      }
    }
    return false;
  }
}

/** Normalise an integral float key: integers stay integers (fast or bigint), others stay numbers. */
export function normFloatKey(n: number): LuaValue {
  if (n === 0) return 0; // also -0.0
  if (Number.isSafeInteger(n)) return n;
  // integral floats in [-2^63, 2^63) are the integer with the same value
  if (n >= -9223372036854775808 && n < 9223372036854775808) return BigInt(n);
  return n;
}
