// Inline caches for field access with constant string keys (see Proto.icShapes and
// docs/performance.md). Each field instruction at pc owns the four entries 4*pc .. 4*pc+3:
//   GETFIELD/SELF/GETTABUP: entries 4pc and 4pc+2 are two ways (MRU first) of (receiver shape,
//     slot), slot -1 meaning "absent"; entries 4pc+1 and 4pc+3 are two ways of (shape, slot)
//     of the metatable's `__index` table (GETFIELD/SELF).
//   SETFIELD/SETTABUP: entries (4pc, 4pc+1) and (4pc+2, 4pc+3) are two ways, each (shape, slot)
//     of an existing field, or (shape, -2) and in the next entry the shape reached by adding
//     the key (a transition).
// Two ways cover sites that see two shapes (a method used by a class and a subclass, two
// kinds of objects in one list). The interpreter does the hit checks inline:
//   t.shape === p.icShapes[e] → the value is t.svals[p.icSlots[e]] (slot -1: absent);
// these functions are the miss paths: they do the lookup and remember the result in way 0,
// moving the previous way 0 to way 1.

import type { Proto } from '../bytecode/proto.js';
import { LuaTable, type Shape } from '../runtime/table.js';
import type { LuaValue } from '../runtime/value.js';

/** Entries per instruction (see above); the interpreter computes e = pc * IC_STRIDE. */
export const IC_STRIDE = 4;

function allocIC(p: Proto): void {
  const n = p.code.length * IC_STRIDE;
  p.icShapes = new Array<Shape | undefined>(n).fill(undefined);
  p.icSlots = new Int32Array(n);
}

/**
 * Raw t[key] for a string key, caching (t.shape, slot) in way 0 of the GET cache at entry e
 * (e: 4pc for the receiver, 4pc+1 for the `__index` table; way 1 is e + 2).
 */
export function icGet(p: Proto, e: number, t: LuaTable, key: string): LuaValue {
  if (p.icSlots.length === 0) allocIC(p);
  const sh = t.shape;
  const slot = sh.slots[key];
  const shapes = p.icShapes;
  const slots = p.icSlots;
  if (slot !== undefined) {
    if (shapes[e] !== sh) {
      shapes[e + 2] = shapes[e];
      slots[e + 2] = slots[e];
    }
    shapes[e] = sh;
    slots[e] = slot;
    return t.svals[slot];
  }
  // an absent key can only be cached for an immutable (shared) shape
  if (sh.shared) {
    if (shapes[e] !== sh) {
      shapes[e + 2] = shapes[e];
      slots[e + 2] = slots[e];
    }
    shapes[e] = sh;
    slots[e] = -1;
  }
  return undefined;
}

/**
 * Raw t[key] = v for a string key (the caller checked __newindex does not apply), caching the
 * slot, or the shape transition when the key is added to a table with a shared shape, in way
 * 0 of the SET cache at entry e = 4pc. keepNil (SETFIELD): a nil stored to an absent key of a
 * plain table with a shared shape adds the key as a tombstone (see below).
 */
export function icSet(p: Proto, e: number, t: LuaTable, key: string, v: LuaValue, keepNil: boolean): void {
  if (p.icSlots.length === 0) allocIC(p);
  const sh = t.shape;
  const slot = sh.slots[key];
  const shapes = p.icShapes;
  const slots = p.icSlots;
  if (slot === undefined && v === undefined) {
    // SETFIELD of nil to an absent key of a plain table (the caller checked there is no
    // metatable), typically `{a = x, b = nil}` in a constructor: keep the key as a tombstone,
    // so tables made by one constructor get one shape whether or not some fields are nil
    // (richards' task blocks). A tombstone is an absent key for every operation.
    if (!keepNil || t.metatable !== undefined || !sh.extendsShared) return;
    const next = sh.add(key);
    t.addStrTransition(next, undefined);
    v = 1; // cache the transition below
  } else t.setStr(key, v);
  if (slot !== undefined) {
    if (t.shape === sh) {
      if (shapes[e] !== sh) {
        shapes[e + 2] = shapes[e];
        slots[e + 2] = slots[e];
        shapes[e + 3] = shapes[e + 1];
      }
      shapes[e] = sh;
      slots[e] = slot;
      shapes[e + 1] = undefined;
    }
    return;
  }
  const next = t.shape;
  if (v !== undefined && sh.shared && next.shared && sh.add(key) === next) {
    if (shapes[e] !== sh) {
      shapes[e + 2] = shapes[e];
      slots[e + 2] = slots[e];
      shapes[e + 3] = shapes[e + 1];
    }
    shapes[e] = sh;
    slots[e] = -2;
    shapes[e + 1] = next;
  }
}

/**
 * The rest of a field lookup through a chain of `__index` tables (class hierarchies): `h` is
 * the level the inline caches reached, a table without the key that has a metatable. Follows
 * `__index` tables (read raw through Shape.indexSlot, as getSlow reads them) and returns the
 * value, or nil where a table without metatable or `__index` ends the chain; returns null
 * when the chain reaches an `__index` that is not a table (a function, or a value whose own
 * metatable decides) or is very long: the caller then takes the generic path (getSlow), which
 * starts over from the receiver (the lookups so far had no side effects).
 */
export function indexChain(h: LuaTable, key: string): LuaValue | null {
  for (let n = 0; n < 100; n++) {
    const mt = h.metatable;
    if (mt === undefined) return undefined;
    const is = mt.shape.indexSlot;
    const nx = is >= 0 ? mt.svals[is] : undefined;
    if (nx === undefined) return undefined;
    if (!(nx instanceof LuaTable)) return null;
    const v = nx.getStr(key);
    if (v !== undefined) return v;
    h = nx;
  }
  return null;
}
