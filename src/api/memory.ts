// The live-size walk of memory accounting (see runtime/memory.ts and docs/architecture.md,
// "Memory accounting"): like the mark phase of a collector, it visits everything reachable
// from a state's roots and adds up the cost model. Used when the charged total passes the
// limit, so charges of garbage (which the JS GC has reclaimed or will) are forgiven.

import type { Proto } from '../bytecode/proto.js';
import { LuaTable } from '../runtime/table.js';
import { LuaFloat, LuaUserdata, type LuaValue } from '../runtime/value.js';
import {
  MEM_ARRAY_SLOT, MEM_CALLINFO, MEM_CLOSURE, MEM_HASH_SLOT, MEM_STACK_SLOT, MEM_STRING, MEM_TABLE,
  MEM_THREAD, MEM_UPVAL,
} from '../runtime/memory.js';
import { LuaClosure, NativeFunction } from '../vm/function.js';
import { LuaThread, type LuaState } from '../vm/state.js';

/** Estimated bytes reachable from S's roots and from `extra` (e.g. suspended coroutines). */
export function liveSize(S: LuaState, extra: Iterable<LuaValue>): number {
  const seen = new Set<object>();
  const work: object[] = [];
  let total = 0;
  const visit = (v: LuaValue): void => {
    if (typeof v === 'string') {
      // every reference counts: JS strings have no identity, and two equal strings may well be
      // two allocations (deduplicating by value would let `t[i] = s:upper()` grow unbounded)
      total += MEM_STRING + v.length;
    } else if (typeof v === 'object') {
      if (!seen.has(v)) {
        seen.add(v);
        work.push(v);
      }
    } else if (typeof v === 'bigint') total += MEM_STRING;
  };
  const visitProto = (p: Proto): void => {
    if (seen.has(p)) return;
    seen.add(p);
    // (the measured size of a small compiled function is about 1 KB)
    total += 1024 + p.code.length * 12 + (p.constants.length + p.locvars.length + p.upvalues.length) * MEM_STRING;
    for (const k of p.constants) if (typeof k === 'string') total += k.length;
    for (const q of p.protos) visitProto(q);
  };
  for (const v of [S.globals, S.registry, S.loaded, S.mainThread, S.current]) visit(v);
  for (const v of [S.stringMeta, S.numberMeta, S.booleanMeta, S.nilMeta, S.functionMeta, S.threadMeta]) visit(v);
  for (const v of extra) visit(v);
  while (work.length > 0) {
    const o = work.pop()!;
    if (o instanceof LuaTable) {
      total += MEM_TABLE + o.arr.length * MEM_ARRAY_SLOT + (o.hkeys.length + o.svals.length) * MEM_HASH_SLOT;
      for (const v of o.arr) visit(v);
      // the string-keyed part: keys in the (possibly shared) shape, values in svals
      const skeys = o.shape.keys;
      const svals = o.svals;
      for (let i = 0; i < svals.length; i++) {
        visit(skeys[i]);
        visit(svals[i]);
      }
      const keys = o.hkeys;
      const vals = o.hvals;
      for (let i = 0; i < keys.length; i++) {
        visit(keys[i]);
        visit(vals[i]);
      }
      visit(o.metatable);
    } else if (o instanceof LuaClosure) {
      total += MEM_CLOSURE + MEM_UPVAL * o.upvals.length;
      for (const uv of o.upvals) if (!uv.open) visit(uv.value);
      visitProto(o.proto);
    } else if (o instanceof LuaThread) {
      total += MEM_THREAD + o.stack.length * MEM_STACK_SLOT + o.cis.length * MEM_CALLINFO;
      for (const v of o.stack) visit(v);
      for (const ci of o.cis) if (ci.cl !== null) visit(ci.cl);
    } else if (o instanceof LuaUserdata) {
      total += 32;
      visit(o.metatable);
    } else if (o instanceof LuaFloat) {
      total += MEM_STRING;
    } else if (o instanceof NativeFunction) {
      total += 32;
      visit(o.refs);
    }
  }
  return total;
}
