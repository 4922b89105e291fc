// Memory accounting for memory-limited states (the embedding API's `limits.memory`).
//
// JavaScript gives no byte-exact view of what a Lua state holds, so allocation sites that can
// grow without bound charge an estimate to the meter of the running state (see the cost model
// in docs/architecture.md, "Memory accounting"): table creation and growth of their parts,
// closures, threads, stack growth, and the strings made by concatenation and the string/table
// libraries. Charges are never given back one by one (there is no hook on the JS GC); when
// the charged total passes the limit the meter's `exceeded` handler recomputes the live size by
// a reachability walk (api/memory.ts) and either continues or raises "not enough memory".
//
// Only one Lua state runs at a time in a JS thread: the host API makes the meter of the state it
// runs `activeMeter` (and restores the previous one afterwards). Unlimited states (the CLI)
// use the default meter, whose limit is Infinity, so a charge costs an add and a compare.

export class MemoryMeter {
  /** Estimated bytes charged since the last recomputation (plus the live size found then). */
  used = 0;
  /** Charging more than this calls `exceeded`. */
  limit = Infinity;
  /**
   * Called when `used` passed `limit` after charging `n` bytes (already added to `used`).
   * It returns to let the allocation proceed, or throws (a LuaException "not enough memory").
   */
  exceeded: (n: number) => void = () => {};
}

const unlimited = new MemoryMeter();

/** The meter charged by allocation sites (that of the running state). */
export let activeMeter: MemoryMeter = unlimited;

/** Make `m` the active meter (undefined: the unlimited default); returns the previous one. */
export function setActiveMeter(m: MemoryMeter | undefined): MemoryMeter {
  const prev = activeMeter;
  activeMeter = m ?? unlimited;
  return prev;
}

/** Charge n bytes to the running state; may throw "not enough memory" (before allocating). */
export function chargeMem(n: number): void {
  const m = activeMeter;
  if ((m.used += n) > m.limit) m.exceeded(n);
}

/** Cost model (bytes), shared by the charge sites and the live-size walk. */
export const MEM_TABLE = 64;
export const MEM_ARRAY_SLOT = 16;
export const MEM_HASH_SLOT = 32;
/** Table parts are charged every MEM_TABLE_STEP new entries (a bit test on the insert path). */
export const MEM_TABLE_STEP = 16;
export const MEM_CLOSURE = 32;
export const MEM_UPVAL = 8;
export const MEM_STRING = 16;
export const MEM_STACK_SLOT = 16;
export const MEM_CALLINFO = 64;
export const MEM_THREAD = 256;
