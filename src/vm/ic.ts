// Inline caches for field access with constant string keys (see Proto.icShapes and
// docs/performance.md). The interpreter does the hit check inline:
//   t.shape === p.icShapes[ii] → the value is t.svals[p.icSlots[ii]] (slot -1: absent);
// these functions are the miss paths: they do the lookup and remember the result.

import type { Proto } from '../bytecode/proto.js';
import type { LuaTable, Shape } from '../runtime/table.js';
import type { LuaValue } from '../runtime/value.js';

function allocIC(p: Proto): void {
  const n = p.code.length * 2;
  p.icShapes = new Array<Shape | undefined>(n).fill(undefined);
  p.icSlots = new Int32Array(n);
}

/** Raw t[key] for a string key, caching (t.shape, slot) at entry ii of p's inline caches. */
export function icGet(p: Proto, ii: number, t: LuaTable, key: string): LuaValue {
  if (p.icSlots.length === 0) allocIC(p);
  const sh = t.shape;
  const slot = sh.slots.get(key);
  if (slot !== undefined) {
    p.icShapes[ii] = sh;
    p.icSlots[ii] = slot;
    return t.svals[slot];
  }
  // an absent key can only be cached for an immutable (shared) shape
  if (sh.shared) {
    p.icShapes[ii] = sh;
    p.icSlots[ii] = -1;
  }
  return undefined;
}

/**
 * Raw t[key] = v for a string key (the caller checked __newindex does not apply), caching the
 * slot, or the shape transition when the key is added to a table with a shared shape.
 */
export function icSet(p: Proto, ii: number, t: LuaTable, key: string, v: LuaValue): void {
  if (p.icSlots.length === 0) allocIC(p);
  const sh = t.shape;
  const slot = sh.slots.get(key);
  t.setStr(key, v);
  if (slot !== undefined) {
    if (t.shape === sh) {
      p.icShapes[ii] = sh;
      p.icSlots[ii] = slot;
    }
    return;
  }
  const next = t.shape;
  if (v !== undefined && sh.shared && next.shared && sh.add(key) === next) {
    p.icShapes[ii] = sh;
    p.icSlots[ii] = -2;
    p.icShapes[ii + 1] = next;
  }
}
