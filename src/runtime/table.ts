// Lua tables: an array part for the keys 1..n, a shape-indexed part for string keys and a hash
// part for every other key.
//
// Array part: `arr[i-1]` holds t[i] for 1 <= i <= arr.length (the capacity; it never shrinks,
//   so a key that was in the array part stays a valid `next` key after it is set to nil).
//   `top` is the largest i with a non-nil arr[i-1] (0 if none), and `#t` is top in O(1).
//   Invariant: the hash part never holds a live key top+1 (keys up to arr.length are in the
//   array part, and appending at arr.length+1 migrates the following keys from the hash).
//   Holes (nil) below top are allowed; `#t` then returns a valid border as the manual permits.
//   Integer keys that do not extend the array go to the hash part; when a table has put
//   `intCap` integer keys there, `rehash` recomputes the array size like the reference's
//   computesizes (the largest power of two n such that more than n/2 of the slots 1..n would
//   be used) and moves those keys into the array. So `t[i] = v` for i = 2..n (or any order)
//   ends up in the array part with amortised O(1) cost.
// String part: the keys live in a Shape (hidden class) shared by every table that got the
//   same string keys in the same order; the values in `svals[slot]`. Inline caches in the
//   interpreter remember (shape, slot) per instruction, so a hit is one comparison and one
//   indexed load. Shapes are immutable once shared; a table with more than MAX_SHARED_KEYS
//   string keys gets a private "dictionary" shape that grows in place (slots of existing keys
//   never move while the shape object is the same, so caches of present keys stay valid; an
//   absent key is only cached for immutable shared shapes).
// Assigning nil leaves a tombstone (the key stays, the value is undefined) so `next` keeps
//   working when fields are cleared during a traversal, as the manual requires. SETFIELD of
//   nil to an absent key of a plain table also adds a tombstone (vm/ic.ts icSet), so tables
//   made by one constructor share a shape whether or not some fields are nil. Tombstones are
//   compacted only when a NEW key is inserted (which the manual says may invalidate a
//   traversal); compacting the string part gives the table a new shape.
//
// Keys are normalised before use: floats with an integral value become integers (2.0 -> 2,
// -0.0 -> 0), so each Lua key has exactly one JS representation.

import { LuaFloat, type LuaValue } from './value.js';
import { chargeMem, MEM_TABLE, MEM_ARRAY_SLOT, MEM_HASH_SLOT, MEM_TABLE_STEP } from './memory.js';

/** Tables with more string keys than this leave the shared shape tree (dictionary mode). */
const MAX_SHARED_KEYS = 64;

/**
 * key -> slot of a Shape: a null-prototype object, which V8 keeps in dictionary mode (a hash
 * table of internalized keys). A lookup with a variable key (`t[k]`, `next`, a cache miss) is
 * faster than Map.get: V8 internalizes a key string the first time it is used as a property
 * name, so later probes compare pointers, while a Map compares the characters of every
 * colliding string key (Builtins_StringEqual). No prototype, so '__proto__' is a plain key.
 */
export type SlotIndex = Record<string, number | undefined>;

function newSlotIndex(): SlotIndex {
  return Object.create(null) as SlotIndex;
}

/** A hidden class: the string keys of a table and the slot of each. */
export class Shape {
  /** key -> slot */
  readonly slots: SlotIndex;
  /** slot -> key */
  readonly keys: string[];
  /** Shared shapes only: the shape reached by adding a key. */
  private transitions: Map<string, Shape> | undefined = undefined;
  /** Slot of the key '__index' (-1 if absent): metatables are read through this. */
  indexSlot: number;

  constructor(slots: SlotIndex, keys: string[], readonly shared: boolean) {
    this.slots = slots;
    this.keys = keys;
    const s = slots.__index;
    this.indexSlot = s === undefined ? -1 : s;
  }

  /** True if adding a key to this shared shape gives a shared shape. */
  get extendsShared(): boolean {
    return this.shared && this.keys.length < MAX_SHARED_KEYS;
  }

  /** The shape with `key` added at slot keys.length (this one, mutated, for dictionaries). */
  add(key: string): Shape {
    if (!this.shared) {
      const slot = this.keys.length;
      this.slots[key] = slot;
      this.keys.push(key);
      if (key === '__index') this.indexSlot = slot;
      return this;
    }
    let next = this.transitions?.get(key);
    if (next !== undefined) return next;
    const slots = newSlotIndex();
    for (const k of this.keys) slots[k] = this.slots[k];
    slots[key] = this.keys.length;
    const keys = [...this.keys, key];
    if (keys.length > MAX_SHARED_KEYS) return new Shape(slots, keys, false);
    next = new Shape(slots, keys, true);
    (this.transitions ??= new Map()).set(key, next);
    return next;
  }
}

export const EMPTY_SHAPE = new Shape(newSlotIndex(), [], true);

/**
 * An empty array with generic (PACKED_ELEMENTS) elements. Array parts are copies of it
 * (`fresh()`), so V8 never makes one a PACKED_DOUBLE array (whose reads box a fresh HeapNumber
 * each time, although Lua floats are already boxed when they are stored) and every array part
 * has the same elements kind (monomorphic keyed loads and stores in getInt/setInt).
 * (The string and hash parts are plain `[]`: a literal is cheaper than `slice`, and float
 * fields measured no difference.) It is also the shared initial value of all four parts (arr,
 * svals, hkeys, hvals) of a new table, so a table allocates its parts when it first stores
 * into them: `{}` and `{x, y}` cost one or two allocations, not five. It is never written:
 * every push below replaces it first (`=== NO_VALS` tests); reads see length 0.
 */
const NO_VALS: LuaValue[] = [undefined];
NO_VALS.pop();
const fresh = (): LuaValue[] => NO_VALS.slice();

export class LuaTable {
  arr: LuaValue[] = NO_VALS;
  /** Border of the array part: the largest i with arr[i-1] !== undefined (0 if none). */
  private top = 0;
  /** String keys: shape.keys[slot] has value svals[slot]; svals.length === shape.keys.length. */
  shape: Shape = EMPTY_SHAPE;
  svals: LuaValue[] = NO_VALS;
  /** Other keys: insertion-ordered slots hkeys[i]/hvals[i], `index` maps key -> slot. */
  hkeys: LuaValue[] = NO_VALS;
  hvals: LuaValue[] = NO_VALS;
  index: Map<unknown, number> | undefined = undefined;
  /** Tombstones in the string part and in the hash part. */
  private sdead = 0;
  private hdead = 0;
  /** Integer keys (live or dead) in the hash part, and how many trigger the next rehash. */
  private nIntHash = 0;
  private intCap = 4;
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
    return this.nIntHash === 0 ? undefined : this.getHash(i);
  }

  /** Raw get with a string key. */
  getStr(key: string): LuaValue {
    const slot = this.shape.slots[key];
    return slot === undefined ? undefined : this.svals[slot];
  }

  private getHash(key: unknown): LuaValue {
    const index = this.index;
    if (index === undefined) return undefined;
    const slot = index.get(key);
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
    let arr = this.arr;
    const n = arr.length;
    if (i >= 1 && i <= n) {
      arr[i - 1] = v;
      if (v === undefined) {
        if (i === this.top) this.trimTop();
      } else if (i > this.top) this.top = i;
      return;
    }
    if (i === n + 1 && v !== undefined) {
      // memory accounting (before the change): the array part is charged every MEM_TABLE_STEP appends
      if ((n & (MEM_TABLE_STEP - 1)) === 0) chargeMem(MEM_TABLE_STEP * MEM_ARRAY_SLOT);
      if (arr === NO_VALS) this.arr = arr = fresh();
      arr.push(v);
      this.top = i;
      if (this.nIntHash !== 0) this.migrateFromHash();
      return;
    }
    this.setHash(i, v);
  }

  setStr(key: string, v: LuaValue): void {
    const slot = this.shape.slots[key];
    if (slot !== undefined) {
      const svals = this.svals;
      const old = svals[slot];
      if (old === undefined) {
        if (v !== undefined) this.sdead--;
      } else if (v === undefined) this.sdead++;
      svals[slot] = v;
      return;
    }
    if (v === undefined) return;
    if (this.sdead > 8 && this.sdead * 2 > this.svals.length) this.compactStr();
    // memory accounting: the string part is charged every MEM_TABLE_STEP new keys
    if ((this.svals.length & (MEM_TABLE_STEP - 1)) === 0) chargeMem(MEM_TABLE_STEP * MEM_HASH_SLOT);
    this.shape = this.shape.add(key);
    if (this.svals === NO_VALS) this.svals = [];
    this.svals.push(v);
  }

  /** Raw store into an existing slot of the string part (an inline cache hit). */
  setSlot(slot: number, v: LuaValue): void {
    const svals = this.svals;
    if (svals[slot] === undefined) {
      if (v !== undefined) this.sdead--;
    } else if (v === undefined) this.sdead++;
    svals[slot] = v;
  }

  /**
   * Add a string key known to be absent from a table with a shared shape, going to `next`
   * (a transition an inline cache remembered from `this.shape`).
   */
  addStrTransition(next: Shape, v: LuaValue): void {
    if ((this.svals.length & (MEM_TABLE_STEP - 1)) === 0) chargeMem(MEM_TABLE_STEP * MEM_HASH_SLOT); // memory accounting
    if (v === undefined) this.sdead++; // a tombstone (SETFIELD of nil, see vm/ic.ts icSet)
    this.shape = next;
    if (this.svals === NO_VALS) this.svals = [];
    this.svals.push(v);
  }

  private setHash(key: unknown, v: LuaValue): void {
    let index = this.index;
    if (index !== undefined) {
      const slot = index.get(key);
      if (slot !== undefined) {
        const old = this.hvals[slot];
        if (old === undefined && v !== undefined) this.hdead--;
        else if (old !== undefined && v === undefined) this.hdead++;
        this.hvals[slot] = v;
        return;
      }
    }
    if (v === undefined) return;
    if (typeof key === 'number' && Number.isInteger(key) && ++this.nIntHash > this.intCap) {
      this.nIntHash--;
      if (this.rehash(key, v)) return;
      this.nIntHash++;
    }
    if (this.hdead > 8 && this.hdead * 2 > this.hkeys.length) this.compactHash();
    // memory accounting: the hash part is charged every MEM_TABLE_STEP new keys
    if ((this.hkeys.length & (MEM_TABLE_STEP - 1)) === 0) chargeMem(MEM_TABLE_STEP * MEM_HASH_SLOT);
    index = this.index ??= new Map();
    index.set(key, this.hkeys.length);
    if (this.hkeys === NO_VALS) {
      this.hkeys = [];
      this.hvals = [];
    }
    this.hkeys.push(key as LuaValue);
    this.hvals.push(v);
  }

  /** arr[top-1] became nil: move top down to the next non-nil element. */
  private trimTop(): void {
    const arr = this.arr;
    let n = this.top;
    while (n > 0 && arr[n - 1] === undefined) n--;
    this.top = n;
  }

  /** After an append, move keys n+1, n+2, ... from the hash part into the array part. */
  private migrateFromHash(): void {
    const arr = this.arr;
    const index = this.index!;
    for (;;) {
      const k = arr.length + 1;
      const slot = index.get(k);
      if (slot === undefined) return;
      const v = this.hvals[slot];
      if (v === undefined) return;
      this.hvals[slot] = undefined;
      this.hdead++;
      arr.push(v);
      this.top = arr.length;
    }
  }

  /**
   * The hash part holds intCap integer keys and `key` (absent) is about to be added: size the
   * array part like the reference's computesizes, counting every integer key (array part, hash
   * part and `key`). Returns true if `key` was stored (it fell into the new array part).
   */
  private rehash(key: number, v: LuaValue): boolean {
    // nums[b]: number of keys k with 2^(b-1) < k <= 2^b (nums[0]: k = 1)
    const nums = new Array<number>(54).fill(0);
    let total = 0;
    const count = (k: number): void => {
      if (k >= 1 && k <= 2 ** 52) {
        nums[k === 1 ? 0 : Math.ceil(Math.log2(k))]++;
        total++;
      }
    };
    let arr = this.arr;
    for (let i = 0; i < arr.length; i++) if (arr[i] !== undefined) count(i + 1);
    const hkeys = this.hkeys;
    const hvals = this.hvals;
    for (let s = 0; s < hkeys.length; s++) {
      const hk = hkeys[s];
      if (hvals[s] !== undefined && typeof hk === 'number' && Number.isInteger(hk)) count(hk);
    }
    count(key);
    let a = 0;
    let optimal = 0;
    for (let b = 0, twotoi = 1; b < nums.length && total > twotoi / 2; b++, twotoi *= 2) {
      a += nums[b];
      if (a > twotoi / 2) optimal = twotoi;
    }
    let stored = false;
    if (optimal > arr.length) {
      chargeMem((optimal - arr.length) * MEM_ARRAY_SLOT); // memory accounting: the new array slots
      if (arr === NO_VALS) this.arr = arr = fresh();
      for (let i = arr.length; i < optimal; i++) arr.push(undefined);
      // move the integer keys now inside the array part and rebuild the hash part
      const keys: LuaValue[] = [];
      const vals: LuaValue[] = [];
      const index = new Map<unknown, number>();
      let nint = 0;
      for (let s = 0; s < hkeys.length; s++) {
        const hk = hkeys[s];
        const hv = hvals[s];
        if (hv === undefined) continue;
        if (typeof hk === 'number' && Number.isInteger(hk)) {
          if (hk >= 1 && hk <= optimal) {
            arr[hk - 1] = hv;
            continue;
          }
          nint++;
        }
        index.set(hk, keys.length);
        keys.push(hk);
        vals.push(hv);
      }
      this.hkeys = keys;
      this.hvals = vals;
      this.index = index;
      this.hdead = 0;
      this.nIntHash = nint;
      if (key >= 1 && key <= optimal) {
        arr[key - 1] = v;
        stored = true;
      }
      let top = arr.length;
      while (top > 0 && arr[top - 1] === undefined) top--;
      this.top = top;
      if (nint !== 0 && top === arr.length) this.migrateFromHash();
    }
    this.intCap = Math.max(4, this.nIntHash * 2);
    return stored;
  }

  /** Drop tombstones from the string part (a new shape: slots move). */
  private compactStr(): void {
    const old = this.shape;
    const vals: LuaValue[] = [];
    let shape = EMPTY_SHAPE;
    if (old.shared) {
      for (let s = 0; s < old.keys.length; s++) {
        const v = this.svals[s];
        if (v === undefined) continue;
        shape = shape.add(old.keys[s]);
        vals.push(v);
      }
    } else {
      const slots = newSlotIndex();
      const keys: string[] = [];
      for (let s = 0; s < old.keys.length; s++) {
        const v = this.svals[s];
        if (v === undefined) continue;
        slots[old.keys[s]] = keys.length;
        keys.push(old.keys[s]);
        vals.push(v);
      }
      shape = new Shape(slots, keys, false);
    }
    this.shape = shape;
    this.svals = vals;
    this.sdead = 0;
  }

  /** Drop tombstones from the hash part. */
  private compactHash(): void {
    const keys: LuaValue[] = [];
    const vals: LuaValue[] = [];
    const index = new Map<unknown, number>();
    let nint = 0;
    for (let i = 0; i < this.hkeys.length; i++) {
      const v = this.hvals[i];
      if (v === undefined) continue;
      const hk = this.hkeys[i];
      if (typeof hk === 'number' && Number.isInteger(hk)) nint++;
      index.set(hk, keys.length);
      keys.push(hk);
      vals.push(v);
    }
    this.hkeys = keys;
    this.hvals = vals;
    this.index = index;
    this.hdead = 0;
    this.nIntHash = nint;
  }

  // ---- length and traversal ----------------------------------------------------------------

  /** The border `#t` without metamethods. */
  length(): number {
    // the hash part never holds top + 1
    return this.top;
  }

  /**
   * Traversal: returns the position after `key` (0 for the first call with nil key), or -1 if
   * `key` is not in the table. Positions 1..arr.length are array slots, then come the string
   * slots, then the hash slots. Use `next` to find the next non-nil entry.
   */
  private positionOf(key: LuaValue): number {
    if (key === undefined) return 0;
    let k: unknown = key;
    if (key instanceof LuaFloat) k = normFloatKey(key.n);
    const na = this.arr.length;
    if (typeof k === 'string') {
      const slot = this.shape.slots[k];
      return slot === undefined ? -1 : na + slot + 1;
    }
    if (typeof k === 'number' && Number.isInteger(k) && k >= 1 && k <= na) return k;
    const slot = this.index?.get(k);
    if (slot === undefined) return -1;
    return na + this.svals.length + slot + 1;
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
    const svals = this.svals;
    const ns = svals.length;
    for (let slot = pos - n; slot < ns; slot++) {
      const v = svals[slot];
      if (v !== undefined) {
        out[0] = this.shape.keys[slot];
        out[1] = v;
        return true;
      }
    }
    const hvals = this.hvals;
    const start = pos - n - ns;
    for (let slot = start < 0 ? 0 : start; slot < hvals.length; slot++) {
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
