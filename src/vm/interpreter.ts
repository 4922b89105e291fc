// The interpreter: ONE dispatch loop (`execute`) running all opcodes of bytecode/opcodes.ts.
//
// Frames. Each thread has one value stack (L.stack, a JS array grown in place; renewStack
// replaces it by a copy at backward jumps of the execute at L.movableLevel, calls.ts)
// and an array of reusable CallInfo records (L.cis; L.cis[0] is a dummy native base frame,
// L.ci = L.cis[L.ciIdx] the running one). A Lua frame for a call `R[A](args)` has its function
// at `func` (= the caller's R[A]) and its registers from base = func + 1: the arguments are
// already in place as the first registers. ci.top = base + maxstacksize is the first slot above
// the registers, used for metamethod calls. Vararg functions (5.4 layout): at the call the
// function and its fixed parameters are copied above the actual arguments, so the extra
// arguments stay just below the new func slot (ci.func - nextraargs .. ci.func - 1) and VARARG
// copies them from there; VARARGPREP is a no-op. RETURN moves results to the original func
// slot (ci.func - nextraargs - numparams - 1 for vararg functions).
//
// Calls. CALL of a Lua closure pushes a CallInfo and continues in the same loop ("continue
// newframe" reloads pc/base/code/constants/upvalues from L.ci; the common non-vararg call
// switches frames inline, every return goes through that reload: an inline switch in RETURN1
// measured 10 % slower on fib, see docs/performance.md), so Lua recursion does not grow
// the JS stack; the depth is bounded by the stack limit (LUAI_MAXSTACK = 1,000,000 slots →
// "stack overflow"). Natives are called directly (calls.ts callNative). Results: C-1 results
// are stored from R[A]; C=0 keeps all and sets L.top, which the next instruction (CALL/RETURN/
// SETLIST with B=0) reads. TAILCALL reuses the frame (flag CIST_TAIL). A native can ask the VM
// to call a function for it and continue in a continuation (L.callk / L.pcallk, like
// lua_callk); the callee then runs in this loop, and when it returns into the native frame the
// loop runs the continuation (finishCcall). pcall/xpcall work this way, so they are not JS
// recursion and coroutines can yield across them.
//
// Metamethods called by instructions are yieldable too: the slow path (meta.ts) places the call
// above the frame, flags the frame CIST_PENDING and pushes the metamethod's frame; when the
// metamethod returns, `finishOp` completes the interrupted instruction by re-reading it at
// ci.savedpc - 1 (store the result in R[A]; turn it into a condition and skip or take the
// jump; continue a CONCAT; re-execute CLOSE/RETURN to close the next variable), like PUC's
// luaV_finishOp. Native metamethods complete inline.
//
// Coroutines. A yield (a native returning L.yield(...)) leaves the yielding native's frame on
// the coroutine's stack and makes the loop return YIELDED to resume (vm/coroutine.ts), which
// runs each coroutine's loop in a nested `execute` call: one JS recursion per active resume,
// none per yield. Resuming finishes the yield's native frame with the resume arguments and
// re-enters execute, which continues whatever is on top (a Lua frame, a pending metamethod,
// a native waiting in a continuation).
//
// Errors. Lua errors are thrown LuaExceptions. The loop's catch (still in this function, so it
// sees the local pc) stores pc, adds "chunk:line:" to errors raised with needsPosition, calls
// the xpcall message handler at the error point (before unwinding), and then unwinds to the
// innermost protected-call frame (CIST_YPCALL) above this execute's stopLevel: it closes the
// upvalues and to-be-closed variables above it (calling __close with the error) and runs the
// pcall continuation with the error. Without such a frame, the exception propagates to the
// JS caller (an outer execute, L.call, resume or L.pcall).
//
// Safe points. S.safeCount is decremented at every backward jump (JMP with negative offset,
// FORLOOP, TFORLOOP, a taken conditional jump backwards: all of them share one site after the
// switch, which also renews the stack every 4096th tick) and every call (CALL, TAILCALL,
// TFORCALL); at <= 0 the loop saves pc and calls S.onSafePoint(L), which implements the
// instruction budget (S.setInstructionLimit) and interrupts (S.requestInterrupt) and may throw
// a Lua error. Debugger pauses, hooks and deadlines plug in there.
//
// Conventions relied on (beyond docs/architecture.md "Compiler ↔ interpreter conventions"):
//   - Arithmetic instructions imply their metamethod event and operand order: ADDI/ADDK/...K
//     and SHRI compute R[B] <op> imm/K (register on the left), SHLI computes sC << R[B]. A
//     compiler must not encode `1 + x` as ADDI x 1, `x - 1` as ADDI x -1 or `x << 1` as
//     SHRI x -1 (PUC does, fixing the event/order in MMBIN*, which Moonlet's ISA does not
//     have): a metamethod would get the wrong event or swapped operands.
//   - TAILCALL is followed by `RETURN A 0 k` (as PUC emits): when the tail-called function is
//     a native that suspends (pcall calling Lua, a yield), execution resumes after TAILCALL
//     and that RETURN returns the results.
//   - TFORCALL writes R[A+4..A+6] (grown if the frame is smaller); SELF's key is a string
//     constant; RETURN0/RETURN1 may be used in vararg functions.
// Not implemented (accepted, no effect): __gc (never called: objects are collected by the JS
// GC) and __mode (weak tables are strong).

import { CANONICAL_OP, Op, OFFSET_sJ } from '../bytecode/opcodes.js';
import { quicken } from './quicken.js';
import type { Proto, UpvalDesc } from '../bytecode/proto.js';
import { LuaFloat, LuaFunction, type LuaValue } from '../runtime/value.js';
import { LuaTable, type Shape } from '../runtime/table.js';
import { runtimeError } from '../runtime/error.js';
import { intAdd, intSub, intMul, fltMod, fltPow, i64Shl, i64Shr, rawEquals } from '../runtime/number.js';
import { CIST_C, CIST_LEQ, CIST_PENDING, CIST_TAIL, type CallInfo } from './callinfo.js';
import { BUILTIN_NONE, ITER_NEXT, ITER_NONE, LuaClosure, NativeFunction, type UpVal } from './function.js';
import { callBuiltinInline } from './builtins.js';
import { IC_STRIDE, icGet, icSet, indexChain } from './ic.js';
import type { LuaThread } from './state.js';
import {
  callAny, callNative, closeUpvals, finishCcall, findUpval, growStack, handleException,
  markTbc, pushLuaFrame, safePointTick, tryFuncTM,
} from './calls.js';
import {
  SUSPEND, arithSlow, closeVM, concatSlow, eqSlow, forLoopSlow, forPrep, getSlow, leSlow,
  lenSlow, ltSlow, setSlow, type Suspend,
} from './meta.js';

/** Scratch pair for the inline `next` of TFORCALL. */
const iterOut: LuaValue[] = [undefined, undefined];

export const DONE = 0;
export const YIELDED = 1;

/** Move n results from stack[src..] to `func` for the caller of Lua frame ci and pop ci. */
function luaReturn(L: LuaThread, ci: CallInfo, func: number, src: number, n: number): void {
  const stack = L.stack;
  const wanted = ci.nresults;
  if (wanted < 0) {
    for (let j = 0; j < n; j++) stack[func + j] = stack[src + j];
    L.top = func + n;
  } else {
    const m = n < wanted ? n : wanted;
    for (let j = 0; j < m; j++) stack[func + j] = stack[src + j];
    for (let j = m; j < wanted; j++) stack[func + j] = undefined;
  }
  L.ci = L.cis[--L.ciIdx];
}

/**
 * finishOp: complete the instruction of Lua frame ci that called a metamethod (its result is at
 * stack[ci.mmPos]). Returns SUSPEND if it had to call another metamethod.
 */
function finishOp(L: LuaThread, ci: CallInfo): Suspend | undefined {
  const stack = L.stack;
  const inst = ci.cl!.proto.code[ci.savedpc - 1];
  const a = (inst >>> 8) & 0xff;
  switch (CANONICAL_OP[inst & 0xff]) {
    case Op.ADDI: case Op.ADDK: case Op.SUBK: case Op.MULK: case Op.MODK: case Op.POWK:
    case Op.DIVK: case Op.IDIVK: case Op.BANDK: case Op.BORK: case Op.BXORK: case Op.SHRI:
    case Op.SHLI: case Op.ADD: case Op.SUB: case Op.MUL: case Op.MOD: case Op.POW: case Op.DIV:
    case Op.IDIV: case Op.BAND: case Op.BOR: case Op.BXOR: case Op.SHL: case Op.SHR:
    case Op.UNM: case Op.BNOT: case Op.LEN: case Op.GETTABUP: case Op.GETTABLE: case Op.GETI:
    case Op.GETFIELD: case Op.SELF:
      stack[ci.base + a] = stack[ci.mmPos];
      break;
    case Op.EQ: case Op.LT: case Op.LE: case Op.LTI: case Op.LEI: case Op.GTI: case Op.GEI: {
      const v = stack[ci.mmPos];
      let cond = v !== undefined && v !== false;
      if (ci.callstatus & CIST_LEQ) { // `<=` evaluated as `not (b < a)`
        ci.callstatus &= ~CIST_LEQ;
        cond = !cond;
      }
      if (cond !== ((inst & 0x1000000) !== 0)) ci.savedpc++; // skip the jump (k: bit 0 of C)
      break;
    }
    case Op.CONCAT: {
      const total = ci.aux;
      const ra = ci.base + a;
      stack[ra + total - 2] = stack[ci.mmPos];
      return concatSlow(L, ci, ra, total - 1);
    }
    case Op.CLOSE:
      ci.savedpc--; // re-execute: closes the next variable
      break;
    case Op.RETURN:
      ci.savedpc--;
      L.top = ci.base + a + ci.aux;
      break;
    default: // SET* (__newindex): nothing to finish
      break;
  }
  return undefined;
}

/**
 * Run the Lua code of thread L from its current frame until the frame at index stopLevel is
 * on top again (DONE) or the thread yields (YIELDED).
 */
export function execute(L: LuaThread, stopLevel: number): number {
  const S = L.state;
  const opStats = S.opStats;
  let prevOp = 255; // (no previous instruction)
  let stack = L.stack;
  const cis = L.cis;
  let ci: CallInfo = L.ci;
  let cl!: LuaClosure;
  let p!: Proto;
  let code!: Int32Array;
  let k!: LuaValue[];
  let upvals!: UpVal[];
  let base = 0;
  let pc = 0;
  let jumpTo = 0; // target of a backward jump (the shared back-edge after the switch)
  // The handlers' own variables, declared once here and not as `const`s inside each `case`:
  // Ignition gives every block-scoped variable of a function a register of its own (sibling
  // blocks do not share them), and per-case declarations made this frame 354 registers
  // (2.8 KB) instead of 74. Entering execute (coroutine resumes, callbacks from natives) and
  // TurboFan's graph building pay for every register (docs/performance.md item 37).
  // Operands and indices:
  let i: number, ra: number, a: number, b: number, c: number, e: number, j: number, n: number;
  let imm: number, op: number, isK: boolean, sj: number, cond: boolean, nargs: number;
  let nb: number, top: number, func: number, wanted: number, nres: number, sc: number;
  // Lua values read from registers, constants, upvalues or tables:
  let t: LuaValue, key: LuaValue, idx: LuaValue, x: LuaValue, y: LuaValue, fn: LuaValue, iv: LuaValue;
  let v: LuaValue | Suspend, r: LuaValue | Suspend, v2: LuaValue, v3: LuaValue | null;
  let step: LuaValue, count: LuaValue, cur: LuaValue, init: LuaValue, limit: LuaValue;
  // Inline caches (GETTABUP/GETFIELD/SELF/SETFIELD...):
  let ii: number, s: number, is: number, sh: Shape, ish: Shape, ics: (Shape | undefined)[];
  let mt: LuaTable | undefined, sm: LuaTable | undefined, sv: LuaValue[];
  // Frames and closures:
  let uv: UpVal, np: Proto, nci: CallInfo, descs: UpvalDesc[], uvs: UpVal[], d: UpvalDesc;
  newframe: for (;;) {
    try {
      if (L.ciIdx <= stopLevel) return DONE;
      ci = L.ci;
      pc = ci.savedpc;
      if ((ci.callstatus & (CIST_C | CIST_PENDING)) !== 0) {
        if (L.yielded) return YIELDED;
        if ((ci.callstatus & CIST_C) !== 0) {
          finishCcall(L, ci);
          continue;
        }
        ci.callstatus &= ~CIST_PENDING;
        if (L.nCcalls > 0) L.nCcalls--;
        if (finishOp(L, ci) === SUSPEND) continue;
        pc = ci.savedpc;
      }
      cl = ci.cl!;
      p = cl.proto;
      code = p.code;
      k = p.constants;
      upvals = cl.upvals;
      base = ci.base;

      for (;;) {
        i = code[pc++];
        if (opStats !== undefined) {
          opStats[(prevOp << 8) | (i & 0xff)]++;
          prevOp = i & 0xff;
        }
        switch (i & 0xff) {
          case Op.MOVE:
            stack[base + ((i >>> 8) & 0xff)] = stack[base + ((i >>> 16) & 0xff)];
            continue;
          case Op.LOADI:
            stack[base + ((i >>> 8) & 0xff)] = (i >>> 16) - 32767;
            continue;
          case Op.LOADF:
            stack[base + ((i >>> 8) & 0xff)] = new LuaFloat((i >>> 16) - 32767);
            continue;
          case Op.LOADK:
            stack[base + ((i >>> 8) & 0xff)] = k[i >>> 16];
            continue;
          case Op.LOADKX:
            stack[base + ((i >>> 8) & 0xff)] = k[code[pc++] >>> 8];
            continue;
          case Op.LOADFALSE:
            stack[base + ((i >>> 8) & 0xff)] = false;
            continue;
          case Op.LFALSESKIP:
            stack[base + ((i >>> 8) & 0xff)] = false;
            pc++;
            continue;
          case Op.LOADTRUE:
            stack[base + ((i >>> 8) & 0xff)] = true;
            continue;
          case Op.LOADNIL: {
            ra = base + ((i >>> 8) & 0xff);
            b = (i >>> 16) & 0xff;
            for (j = 0; j <= b; j++) stack[ra + j] = undefined;
            continue;
          }
          case Op.GETUPVAL: {
            uv = upvals[(i >>> 16) & 0xff];
            // (`=== true`, not a truth test: V8 does not know the field holds a boolean and would
            // do a full ToBoolean — several dependent loads — on every execution)
            stack[base + ((i >>> 8) & 0xff)] = uv.open === true ? uv.stack[uv.idx] : uv.value;
            continue;
          }
          case Op.SETUPVAL: {
            uv = upvals[(i >>> 16) & 0xff];
            v = stack[base + ((i >>> 8) & 0xff)];
            if (uv.open === true) uv.stack[uv.idx] = v;
            else uv.value = v;
            continue;
          }
          case Op.GETTABUP: {
            b = (i >>> 16) & 0xff;
            uv = upvals[b];
            t = uv.open === true ? uv.stack[uv.idx] : uv.value;
            key = k[i >>> 24] as string;
            if (t instanceof LuaTable) {
              ii = (pc - 1) * IC_STRIDE;
              sh = t.shape;
              ics = p.icShapes;
              if (sh === ics[ii]) {
                s = p.icSlots[ii];
                v = s >= 0 ? t.svals[s] : undefined;
              } else if (sh === ics[ii + 2]) {
                s = p.icSlots[ii + 2];
                v = s >= 0 ? t.svals[s] : undefined;
              } else v = icGet(p, ii, t, key);
              if (v !== undefined || t.metatable === undefined) {
                stack[base + ((i >>> 8) & 0xff)] = v;
                continue;
              }
            }
            ci.savedpc = pc;
            v = getSlow(L, ci, t, key, -1 - b);
            if (v === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = v as LuaValue;
            continue;
          }
          case Op.GETTABLE: {
            b = (i >>> 16) & 0xff;
            t = stack[base + b];
            key = stack[base + (i >>> 24)];
            if (t instanceof LuaTable) {
              v = typeof key === 'number' && ((key | 0) === key || Number.isInteger(key)) ? t.getInt(key)
                : typeof key === 'string' ? t.getStr(key) : t.get(key);
              if (v !== undefined || t.metatable === undefined) {
                stack[base + ((i >>> 8) & 0xff)] = v;
                continue;
              }
            }
            ci.savedpc = pc;
            v = getSlow(L, ci, t, key, b);
            if (v === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = v as LuaValue;
            continue;
          }
          case Op.GETI: {
            b = (i >>> 16) & 0xff;
            t = stack[base + b];
            key = i >>> 24;
            if (t instanceof LuaTable) {
              v = t.getInt(key);
              if (v !== undefined || t.metatable === undefined) {
                stack[base + ((i >>> 8) & 0xff)] = v;
                continue;
              }
            }
            ci.savedpc = pc;
            v = getSlow(L, ci, t, key, b);
            if (v === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = v as LuaValue;
            continue;
          }
          case Op.GETFIELD: {
            b = (i >>> 16) & 0xff;
            t = stack[base + b];
            key = k[i >>> 24] as string;
            if (t instanceof LuaTable) {
              ii = (pc - 1) * IC_STRIDE;
              sh = t.shape;
              ics = p.icShapes;
              if (sh === ics[ii]) {
                s = p.icSlots[ii];
                v = s >= 0 ? t.svals[s] : undefined;
              } else if (sh === ics[ii + 2]) {
                s = p.icSlots[ii + 2];
                v = s >= 0 ? t.svals[s] : undefined;
              } else v = icGet(p, ii, t, key);
              mt = t.metatable;
              if (v !== undefined || mt === undefined) {
                stack[base + ((i >>> 8) & 0xff)] = v;
                continue;
              }
              // the usual class pattern: __index is a table holding the field (cached at ii + 1)
              is = mt.shape.indexSlot;
              idx = is >= 0 ? mt.svals[is] : undefined;
              if (idx instanceof LuaTable) {
                ish = idx.shape;
                if (ish === ics[ii + 1]) {
                  s = p.icSlots[ii + 1];
                  v2 = s >= 0 ? idx.svals[s] : undefined;
                } else if (ish === ics[ii + 3]) {
                  s = p.icSlots[ii + 3];
                  v2 = s >= 0 ? idx.svals[s] : undefined;
                } else v2 = icGet(p, ii + 1, idx, key);
                if (v2 !== undefined || idx.metatable === undefined) {
                  stack[base + ((i >>> 8) & 0xff)] = v2;
                  continue;
                }
                v3 = indexChain(idx, key); // deeper levels of a class hierarchy
                if (v3 !== null) {
                  stack[base + ((i >>> 8) & 0xff)] = v3;
                  continue;
                }
              }
            }
            ci.savedpc = pc;
            v = getSlow(L, ci, t, key, b);
            if (v === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = v as LuaValue;
            continue;
          }
          case Op.SETTABUP:
          case Op.SETTABUPK: {
            a = (i >>> 8) & 0xff;
            uv = upvals[a];
            t = uv.open === true ? uv.stack[uv.idx] : uv.value;
            key = k[(i >>> 16) & 0xff] as string;
            v = (i & 0xff) === Op.SETTABUP ? stack[base + (i >>> 24)] : k[i >>> 24];
            if (t instanceof LuaTable) {
              ii = (pc - 1) * IC_STRIDE;
              sh = t.shape;
              ics = p.icShapes;
              e = sh === ics[ii] ? ii : sh === ics[ii + 2] ? ii + 2 : -1;
              if (e >= 0) {
                s = p.icSlots[e];
                if (s >= 0) {
                  sv = t.svals;
                  if (sv[s] !== undefined) {
                    if (v !== undefined) sv[s] = v;
                    else t.setSlot(s, v); // clearing a field: a tombstone
                    continue;
                  }
                  if (t.metatable === undefined) { // a tombstone, no __newindex possible
                    t.setSlot(s, v);
                    continue;
                  }
                } else if (s === -2 && t.metatable === undefined && v !== undefined) {
                  t.addStrTransition(ics[e + 1]!, v);
                  continue;
                }
              }
              if (t.metatable === undefined || t.getStr(key) !== undefined) {
                icSet(p, ii, t, key, v, false);
                continue;
              }
            }
            ci.savedpc = pc;
            if (setSlow(L, ci, t, key, v, -1 - a) === SUSPEND) continue newframe;
            continue;
          }
          case Op.SETTABLE:
          case Op.SETTABLEK: {
            a = (i >>> 8) & 0xff;
            t = stack[base + a];
            key = stack[base + ((i >>> 16) & 0xff)];
            v = (i & 0xff) === Op.SETTABLE ? stack[base + (i >>> 24)] : k[i >>> 24];
            if (t instanceof LuaTable) {
              if (typeof key === 'string') {
                if (t.metatable === undefined || t.getStr(key) !== undefined) {
                  t.setStr(key, v);
                  continue;
                }
              } else if (typeof key === 'number' && ((key | 0) === key || Number.isInteger(key))) {
                if (t.metatable === undefined || t.getInt(key) !== undefined) {
                  t.setInt(key, v);
                  continue;
                }
              }
            }
            ci.savedpc = pc;
            if (setSlow(L, ci, t, key, v, a) === SUSPEND) continue newframe;
            continue;
          }
          case Op.SETI:
          case Op.SETIK: {
            a = (i >>> 8) & 0xff;
            t = stack[base + a];
            key = (i >>> 16) & 0xff;
            v = (i & 0xff) === Op.SETI ? stack[base + (i >>> 24)] : k[i >>> 24];
            if (t instanceof LuaTable && (t.metatable === undefined || t.getInt(key) !== undefined)) {
              t.setInt(key, v);
              continue;
            }
            ci.savedpc = pc;
            if (setSlow(L, ci, t, key, v, a) === SUSPEND) continue newframe;
            continue;
          }
          case Op.SETFIELD:
          case Op.SETFIELDK: {
            a = (i >>> 8) & 0xff;
            t = stack[base + a];
            key = k[(i >>> 16) & 0xff] as string;
            v = (i & 0xff) === Op.SETFIELD ? stack[base + (i >>> 24)] : k[i >>> 24];
            if (t instanceof LuaTable) {
              ii = (pc - 1) * IC_STRIDE;
              sh = t.shape;
              ics = p.icShapes;
              e = sh === ics[ii] ? ii : sh === ics[ii + 2] ? ii + 2 : -1;
              if (e >= 0) {
                s = p.icSlots[e];
                if (s >= 0) {
                  sv = t.svals;
                  if (sv[s] !== undefined) {
                    if (v !== undefined) sv[s] = v;
                    else t.setSlot(s, v); // clearing a field: a tombstone
                    continue;
                  }
                  if (t.metatable === undefined) { // a tombstone, no __newindex possible
                    t.setSlot(s, v);
                    continue;
                  }
                } else if (s === -2 && t.metatable === undefined) {
                  t.addStrTransition(ics[e + 1]!, v); // v nil: a tombstone, see icSet
                  continue;
                }
              }
              if (t.metatable === undefined || t.getStr(key) !== undefined) {
                icSet(p, ii, t, key, v, true);
                continue;
              }
            }
            ci.savedpc = pc;
            if (setSlow(L, ci, t, key, v, a) === SUSPEND) continue newframe;
            continue;
          }
          case Op.NEWTABLE:
            stack[base + ((i >>> 8) & 0xff)] = new LuaTable((i >>> 16) & 0xff, i >>> 24);
            continue;
          case Op.SELF: {
            ra = base + ((i >>> 8) & 0xff);
            b = (i >>> 16) & 0xff;
            t = stack[base + b];
            key = k[i >>> 24] as string;
            stack[ra + 1] = t;
            if (t instanceof LuaTable) {
              ii = (pc - 1) * IC_STRIDE;
              sh = t.shape;
              ics = p.icShapes;
              if (sh === ics[ii]) {
                s = p.icSlots[ii];
                v = s >= 0 ? t.svals[s] : undefined;
              } else if (sh === ics[ii + 2]) {
                s = p.icSlots[ii + 2];
                v = s >= 0 ? t.svals[s] : undefined;
              } else v = icGet(p, ii, t, key);
              mt = t.metatable;
              if (v !== undefined || mt === undefined) {
                stack[ra] = v;
                continue;
              }
              // the usual class pattern: __index is a table holding the method (cached at ii + 1)
              is = mt.shape.indexSlot;
              idx = is >= 0 ? mt.svals[is] : undefined;
              if (idx instanceof LuaTable) {
                ish = idx.shape;
                if (ish === ics[ii + 1]) {
                  s = p.icSlots[ii + 1];
                  v2 = s >= 0 ? idx.svals[s] : undefined;
                } else if (ish === ics[ii + 3]) {
                  s = p.icSlots[ii + 3];
                  v2 = s >= 0 ? idx.svals[s] : undefined;
                } else v2 = icGet(p, ii + 1, idx, key);
                if (v2 !== undefined || idx.metatable === undefined) {
                  stack[ra] = v2;
                  continue;
                }
                v3 = indexChain(idx, key); // deeper levels of a class hierarchy
                if (v3 !== null) {
                  stack[ra] = v3;
                  continue;
                }
              }
            } else if (typeof t === 'string') {
              // s:method(): the string metatable's __index table through the __index caches
              sm = S.stringMeta;
              if (sm !== undefined) {
                is = sm.shape.indexSlot;
                idx = is >= 0 ? sm.svals[is] : undefined;
                if (idx instanceof LuaTable) {
                  ii = (pc - 1) * IC_STRIDE + 1;
                  ics = p.icShapes;
                  ish = idx.shape;
                  if (ish === ics[ii]) {
                    s = p.icSlots[ii];
                    v = s >= 0 ? idx.svals[s] : undefined;
                  } else if (ish === ics[ii + 2]) {
                    s = p.icSlots[ii + 2];
                    v = s >= 0 ? idx.svals[s] : undefined;
                  } else v = icGet(p, ii, idx, key);
                  if (v !== undefined || idx.metatable === undefined) {
                    stack[ra] = v;
                    continue;
                  }
                }
              }
            }
            ci.savedpc = pc;
            v = getSlow(L, ci, t, key, b);
            if (v === SUSPEND) continue newframe;
            stack[ra] = v as LuaValue;
            continue;
          }

          // ---- arithmetic with an immediate or a constant ---------------------------------
          case Op.ADDI: {
            b = (i >>> 16) & 0xff;
            x = stack[base + b];
            imm = (i >>> 24) - 127;
            if (typeof x === 'number') {
              if ((x | 0) === x) {
                stack[base + ((i >>> 8) & 0xff)] = x + imm;
                continue;
              }
              if (Number.isInteger(x)) {
                r = x + imm;
                stack[base + ((i >>> 8) & 0xff)] = Number.isSafeInteger(r) ? r : intAdd(x, imm);
              } else {
                r = x + imm; // (a float near 2^52 can round to an integral value)
                stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              }
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'add', x, imm, b, -0x40000000);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.ADD:
          case Op.ADD_G: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = stack[base + c];
            if (typeof x === 'number' && typeof y === 'number' && (x | 0) === x && (y | 0) === y) {
              // small integers: the result is an exact, safe integer
              stack[base + ((i >>> 8) & 0xff)] = x + y;
              continue;
            }
            if ((i & 0xff) === Op.ADD) {
              // first non-int32 operands: become ADD_F or ADD_G (vm/quicken.ts) and run that
              quicken(p, pc - 1, stack, base);
              pc--;
              continue;
            }
            ci.savedpc = pc;
            r = addG(L, ci, x, y, b, c);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.ADDK:
          case Op.ADDK_G: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = k[c];
            if (typeof x === 'number' && typeof y === 'number' && (x | 0) === x && (y | 0) === y) {
              // small integers: the result is an exact, safe integer
              stack[base + ((i >>> 8) & 0xff)] = x + y;
              continue;
            }
            if ((i & 0xff) === Op.ADDK) {
              // first non-int32 operands: become ADDK_F or ADDK_G (vm/quicken.ts) and run that
              quicken(p, pc - 1, stack, base);
              pc--;
              continue;
            }
            ci.savedpc = pc;
            r = addG(L, ci, x, y, b, -0x40000000);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.SUB:
          case Op.SUB_G: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = stack[base + c];
            if (typeof x === 'number' && typeof y === 'number' && (x | 0) === x && (y | 0) === y) {
              // small integers: the result is an exact, safe integer
              stack[base + ((i >>> 8) & 0xff)] = x - y;
              continue;
            }
            if ((i & 0xff) === Op.SUB) {
              // first non-int32 operands: become SUB_F or SUB_G (vm/quicken.ts) and run that
              quicken(p, pc - 1, stack, base);
              pc--;
              continue;
            }
            ci.savedpc = pc;
            r = subG(L, ci, x, y, b, c);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.SUBK:
          case Op.SUBK_G: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = k[c];
            if (typeof x === 'number' && typeof y === 'number' && (x | 0) === x && (y | 0) === y) {
              // small integers: the result is an exact, safe integer
              stack[base + ((i >>> 8) & 0xff)] = x - y;
              continue;
            }
            if ((i & 0xff) === Op.SUBK) {
              // first non-int32 operands: become SUBK_F or SUBK_G (vm/quicken.ts) and run that
              quicken(p, pc - 1, stack, base);
              pc--;
              continue;
            }
            ci.savedpc = pc;
            r = subG(L, ci, x, y, b, -0x40000000);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.MUL:
          case Op.MUL_G: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = stack[base + c];
            if (typeof x === 'number' && typeof y === 'number' && (x | 0) === x && (y | 0) === y) {
              r = x * y;
              if (r <= 9007199254740991 && r >= -9007199254740991) {
                // small integers with a safe product (+ 0: no -0 for an integer)
                stack[base + ((i >>> 8) & 0xff)] = r + 0;
                continue;
              }
            }
            if ((i & 0xff) === Op.MUL) {
              // first non-int32 operands: become MUL_F or MUL_G (vm/quicken.ts) and run that
              quicken(p, pc - 1, stack, base);
              pc--;
              continue;
            }
            ci.savedpc = pc;
            r = mulG(L, ci, x, y, b, c);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.MULK:
          case Op.MULK_G: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = k[c];
            if (typeof x === 'number' && typeof y === 'number' && (x | 0) === x && (y | 0) === y) {
              r = x * y;
              if (r <= 9007199254740991 && r >= -9007199254740991) {
                // small integers with a safe product (+ 0: no -0 for an integer)
                stack[base + ((i >>> 8) & 0xff)] = r + 0;
                continue;
              }
            }
            if ((i & 0xff) === Op.MULK) {
              // first non-int32 operands: become MULK_F or MULK_G (vm/quicken.ts) and run that
              quicken(p, pc - 1, stack, base);
              pc--;
              continue;
            }
            ci.savedpc = pc;
            r = mulG(L, ci, x, y, b, -0x40000000);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.MOD: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = stack[base + c];
            if (typeof x === 'number' && typeof y === 'number') {
              if (((x | 0) === x && (y | 0) === y) || (Number.isInteger(x) && Number.isInteger(y))) {
                if (y === 0) {
                  ci.savedpc = pc;
                  runtimeError("attempt to perform 'n%0'");
                }
                r = x % y;
                if (r !== 0 && (r < 0) !== (y < 0)) r += y;
                stack[base + ((i >>> 8) & 0xff)] = r + 0;
              } else {
                r = fltMod(x, y);
                stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              }
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'mod', x, y, b, c);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.MODK: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = k[c];
            if (typeof x === 'number' && typeof y === 'number') {
              if (((x | 0) === x && (y | 0) === y) || (Number.isInteger(x) && Number.isInteger(y))) {
                if (y === 0) {
                  ci.savedpc = pc;
                  runtimeError("attempt to perform 'n%0'");
                }
                r = x % y;
                if (r !== 0 && (r < 0) !== (y < 0)) r += y;
                stack[base + ((i >>> 8) & 0xff)] = r + 0;
              } else {
                r = fltMod(x, y);
                stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              }
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'mod', x, y, b, -0x40000000);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.IDIV: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = stack[base + c];
            if (typeof x === 'number' && typeof y === 'number') {
              if (Number.isInteger(x) && Number.isInteger(y)) {
                if (y === 0) {
                  ci.savedpc = pc;
                  runtimeError('attempt to divide by zero');
                }
                stack[base + ((i >>> 8) & 0xff)] = Math.floor(x / y) + 0;
              } else {
                r = Math.floor(x / y);
                stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              }
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'idiv', x, y, b, c);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.IDIVK: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = k[c];
            if (typeof x === 'number' && typeof y === 'number') {
              if (Number.isInteger(x) && Number.isInteger(y)) {
                if (y === 0) {
                  ci.savedpc = pc;
                  runtimeError('attempt to divide by zero');
                }
                stack[base + ((i >>> 8) & 0xff)] = Math.floor(x / y) + 0;
              } else {
                r = Math.floor(x / y);
                stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              }
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'idiv', x, y, b, -0x40000000);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.DIV: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = stack[base + c];
            if (typeof x === 'number' && typeof y === 'number') {
              r = x / y;
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
              // at least one boxed (integral-valued) float: float arithmetic
              r = (typeof x === 'number' ? x : x.n) / (typeof y === 'number' ? y : y.n);
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'div', x, y, b, c);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.DIVK: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = k[c];
            if (typeof x === 'number' && typeof y === 'number') {
              r = x / y;
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
              // at least one boxed (integral-valued) float: float arithmetic
              r = (typeof x === 'number' ? x : x.n) / (typeof y === 'number' ? y : y.n);
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'div', x, y, b, -0x40000000);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.POW: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = stack[base + c];
            if (typeof x === 'number' && typeof y === 'number') {
              r = fltPow(x, y);
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'pow', x, y, b, c);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.POWK: {
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            y = k[c];
            if (typeof x === 'number' && typeof y === 'number') {
              r = fltPow(x, y);
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'pow', x, y, b, -0x40000000);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.BANDK: case Op.BORK: case Op.BXORK:
          case Op.BAND: case Op.BOR: case Op.BXOR: case Op.SHL: case Op.SHR: {
            op = i & 0xff;
            b = (i >>> 16) & 0xff;
            c = i >>> 24;
            x = stack[base + b];
            isK = op < Op.SHRI;
            y = isK ? k[c] : stack[base + c];
            if (typeof x === 'number' && typeof y === 'number') {
              ra = base + ((i >>> 8) & 0xff);
              if ((x | 0) === x && (y | 0) === y) {
                if (op === Op.BAND || op === Op.BANDK) {
                  stack[ra] = x & y;
                  continue;
                }
                if (op === Op.BOR || op === Op.BORK) {
                  stack[ra] = x | y;
                  continue;
                }
                if (op === Op.BXOR || op === Op.BXORK) {
                  stack[ra] = x ^ y;
                  continue;
                }
              }
              if (Number.isInteger(x) && Number.isInteger(y)) {
                if (op === Op.SHL) {
                  stack[ra] = i64Shl(x, y);
                  continue;
                }
                if (op === Op.SHR) {
                  stack[ra] = i64Shr(x, y);
                  continue;
                }
              }
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, ARITH_OPS[op], x, y, b, isK ? -0x40000000 : c);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.SHRI: {
            b = (i >>> 16) & 0xff;
            x = stack[base + b];
            imm = (i >>> 24) - 127;
            if (typeof x === 'number' && Number.isInteger(x)) {
              stack[base + ((i >>> 8) & 0xff)] = i64Shr(x, imm);
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'shr', x, imm, b, -0x40000000);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.SHLI: {
            b = (i >>> 16) & 0xff;
            x = stack[base + b];
            imm = (i >>> 24) - 127;
            if (typeof x === 'number' && Number.isInteger(x)) {
              stack[base + ((i >>> 8) & 0xff)] = i64Shl(imm, x);
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'shl', imm, x, -0x40000000, b);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.UNM: {
            b = (i >>> 16) & 0xff;
            x = stack[base + b];
            if (typeof x === 'number') {
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(x) ? 0 - x : -x;
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'unm', x, x, b, b);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.BNOT: {
            b = (i >>> 16) & 0xff;
            x = stack[base + b];
            if (typeof x === 'number' && (x | 0) === x) {
              stack[base + ((i >>> 8) & 0xff)] = ~x;
              continue;
            }
            ci.savedpc = pc;
            r = arithSlow(L, ci, 'bnot', x, x, b, b);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.NOT: {
            v = stack[base + ((i >>> 16) & 0xff)];
            stack[base + ((i >>> 8) & 0xff)] = v === undefined || v === false;
            continue;
          }
          case Op.LEN: {
            b = (i >>> 16) & 0xff;
            v = stack[base + b];
            if (typeof v === 'string') {
              stack[base + ((i >>> 8) & 0xff)] = v.length;
              continue;
            }
            if (v instanceof LuaTable && v.metatable === undefined) {
              stack[base + ((i >>> 8) & 0xff)] = v.length();
              continue;
            }
            ci.savedpc = pc;
            r = lenSlow(L, ci, v, b);
            if (r === SUSPEND) continue newframe;
            stack[base + ((i >>> 8) & 0xff)] = r as LuaValue;
            continue;
          }
          case Op.CONCAT: {
            ra = base + ((i >>> 8) & 0xff);
            n = (i >>> 16) & 0xff;
            if (n === 2) {
              x = stack[ra];
              y = stack[ra + 1];
              // (long results take the slow path, which charges them to the memory meter)
              if (typeof x === 'string' && typeof y === 'string' && x.length + y.length < 64) {
                stack[ra] = x + y;
                continue;
              }
            }
            ci.savedpc = pc;
            if (concatSlow(L, ci, ra, n) === SUSPEND) continue newframe;
            continue;
          }
          case Op.CLOSE:
            ci.savedpc = pc;
            if (closeOp(L, ci, base + ((i >>> 8) & 0xff)) === SUSPEND) continue newframe;
            continue;
          case Op.TBC:
            ci.savedpc = pc;
            markTbc(L, ci, base + ((i >>> 8) & 0xff));
            continue;
          case Op.JMP: {
            sj = (i >>> 8) - OFFSET_sJ;
            if (sj < 0) {
              jumpTo = pc + sj;
              break;
            }
            pc += sj;
            continue;
          }

          // ---- comparisons (always followed by a JMP) ---------------------------------------
          case Op.EQ: {
            x = stack[base + ((i >>> 8) & 0xff)];
            y = stack[base + ((i >>> 16) & 0xff)];
            if (x === y) cond = true;
            else if (typeof x !== 'object' && typeof y !== 'object') cond = false;
            else {
              ci.savedpc = pc;
              r = eqSlow(L, ci, x, y);
              if (r === SUSPEND) continue newframe;
              cond = r as boolean;
            }
            if (cond !== (i >>> 24 !== 0)) pc++;
            else {
              sj = (code[pc++] >>> 8) - OFFSET_sJ;
              if (sj < 0) {
                jumpTo = pc + sj;
                break;
              }
              pc += sj;
            }
            continue;
          }
          case Op.LT:
          case Op.LE:
          case Op.LT_G:
          case Op.LE_G: {
            x = stack[base + ((i >>> 8) & 0xff)];
            y = stack[base + ((i >>> 16) & 0xff)];
            op = i & 0xff;
            if (typeof x === 'number' && typeof y === 'number' && (x | 0) === x && (y | 0) === y) {
              cond = op === Op.LT || op === Op.LT_G ? x < y : x <= y;
            } else if (op === Op.LT || op === Op.LE) {
              // first non-int32 operands: become LT_F/LE_F or LT_G/LE_G (vm/quicken.ts) and run that
              quicken(p, pc - 1, stack, base);
              pc--;
              continue;
            } else if (typeof x === 'number' && typeof y === 'number') cond = op === Op.LT_G ? x < y : x <= y;
            else {
              ci.savedpc = pc;
              r = op === Op.LT_G ? ltSlow(L, ci, x, y) : leSlow(L, ci, x, y);
              if (r === SUSPEND) continue newframe;
              cond = r as boolean;
            }
            if (cond !== (i >>> 24 !== 0)) pc++;
            else {
              sj = (code[pc++] >>> 8) - OFFSET_sJ;
              if (sj < 0) {
                jumpTo = pc + sj;
                break;
              }
              pc += sj;
            }
            continue;
          }
          case Op.EQK: {
            x = stack[base + ((i >>> 8) & 0xff)];
            y = k[(i >>> 16) & 0xff];
            cond = x === y || ((typeof x === 'object' || typeof y === 'object') && rawEquals(x, y));
            if (cond !== (i >>> 24 !== 0)) pc++;
            else {
              sj = (code[pc++] >>> 8) - OFFSET_sJ;
              if (sj < 0) {
                jumpTo = pc + sj;
                break;
              }
              pc += sj;
            }
            continue;
          }
          case Op.EQI: {
            x = stack[base + ((i >>> 8) & 0xff)];
            imm = ((i >>> 16) & 0xff) - 127;
            cond = x === imm || (x instanceof LuaFloat && x.n === imm);
            // k is bit 0 of C; bit 1 (the constant was a float) does not change an equality test
            if (cond !== ((i & 0x1000000) !== 0)) pc++;
            else {
              sj = (code[pc++] >>> 8) - OFFSET_sJ;
              if (sj < 0) {
                jumpTo = pc + sj;
                break;
              }
              pc += sj;
            }
            continue;
          }
          case Op.LTI: case Op.LEI: case Op.GTI: case Op.GEI: {
            x = stack[base + ((i >>> 8) & 0xff)];
            imm = ((i >>> 16) & 0xff) - 127;
            op = i & 0xff;
            if (typeof x === 'number') {
              cond = op === Op.LTI ? x < imm : op === Op.LEI ? x <= imm : op === Op.GTI ? x > imm : x >= imm;
            } else {
              ci.savedpc = pc;
              // a metamethod or error sees the constant as written: 4.0 for `x > 4.0` (bit 1 of C)
              y = (i & 0x2000000) !== 0 ? new LuaFloat(imm) : imm;
              r = op === Op.LTI ? ltSlow(L, ci, x, y) : op === Op.LEI ? leSlow(L, ci, x, y)
                : op === Op.GTI ? ltSlow(L, ci, y, x) : leSlow(L, ci, y, x);
              if (r === SUSPEND) continue newframe;
              cond = r as boolean;
            }
            if (cond !== ((i & 0x1000000) !== 0)) pc++;
            else {
              sj = (code[pc++] >>> 8) - OFFSET_sJ;
              if (sj < 0) {
                jumpTo = pc + sj;
                break;
              }
              pc += sj;
            }
            continue;
          }
          // ---- quickened _F forms (vm/quicken.ts): number operands, no metamethods ------------
          case Op.ADD_F: {
            x = stack[base + ((i >>> 16) & 0xff)];
            y = stack[base + (i >>> 24)];
            if (typeof x === 'number' && typeof y === 'number') {
              r = x + y;
              if (!Number.isInteger(r)) stack[base + ((i >>> 8) & 0xff)] = r;
              else {
                stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(x) && Number.isInteger(y)
                  ? (Number.isSafeInteger(r) ? r : intAdd(x, y)) : new LuaFloat(r);
              }
              continue;
            }
            if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
              r = (typeof x === 'number' ? x : x.n) + (typeof y === 'number' ? y : y.n);
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            quicken(p, pc - 1, stack, base); // (another kind of operand: becomes _G)
            pc--;
            continue;
          }
          case Op.SUB_F: {
            x = stack[base + ((i >>> 16) & 0xff)];
            y = stack[base + (i >>> 24)];
            if (typeof x === 'number' && typeof y === 'number') {
              r = x - y;
              if (!Number.isInteger(r)) stack[base + ((i >>> 8) & 0xff)] = r;
              else {
                stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(x) && Number.isInteger(y)
                  ? (Number.isSafeInteger(r) ? r : intSub(x, y)) : new LuaFloat(r);
              }
              continue;
            }
            if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
              r = (typeof x === 'number' ? x : x.n) - (typeof y === 'number' ? y : y.n);
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            quicken(p, pc - 1, stack, base); // (another kind of operand: becomes _G)
            pc--;
            continue;
          }
          case Op.ADDK_F: {
            x = stack[base + ((i >>> 16) & 0xff)];
            y = k[i >>> 24];
            if (typeof x === 'number' && typeof y === 'number') {
              r = x + y;
              if (!Number.isInteger(r)) stack[base + ((i >>> 8) & 0xff)] = r;
              else {
                stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(x) && Number.isInteger(y)
                  ? (Number.isSafeInteger(r) ? r : intAdd(x, y)) : new LuaFloat(r);
              }
              continue;
            }
            if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
              r = (typeof x === 'number' ? x : x.n) + (typeof y === 'number' ? y : y.n);
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            quicken(p, pc - 1, stack, base); // (another kind of operand: becomes _G)
            pc--;
            continue;
          }
          case Op.SUBK_F: {
            x = stack[base + ((i >>> 16) & 0xff)];
            y = k[i >>> 24];
            if (typeof x === 'number' && typeof y === 'number') {
              r = x - y;
              if (!Number.isInteger(r)) stack[base + ((i >>> 8) & 0xff)] = r;
              else {
                stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(x) && Number.isInteger(y)
                  ? (Number.isSafeInteger(r) ? r : intSub(x, y)) : new LuaFloat(r);
              }
              continue;
            }
            if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
              // (x - k with an integer k is x + (-k), as in PUC, which compiles it to ADDI: -0.0 - 0 is 0.0)
              r = (typeof x === 'number' ? x : x.n) + (typeof y === 'number' ? 0 - y : -y.n);
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            quicken(p, pc - 1, stack, base); // (another kind of operand: becomes _G)
            pc--;
            continue;
          }
          case Op.MUL_F: {
            x = stack[base + ((i >>> 16) & 0xff)];
            y = stack[base + (i >>> 24)];
            if (typeof x === 'number' && typeof y === 'number') {
              r = x * y;
              if (!Number.isInteger(r)) stack[base + ((i >>> 8) & 0xff)] = r;
              else {
                stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(x) && Number.isInteger(y)
                  ? (Number.isSafeInteger(r) ? r + 0 : intMul(x, y)) : new LuaFloat(r);
              }
              continue;
            }
            if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
              r = (typeof x === 'number' ? x : x.n) * (typeof y === 'number' ? y : y.n);
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            quicken(p, pc - 1, stack, base); // (another kind of operand: becomes _G)
            pc--;
            continue;
          }
          case Op.MULK_F: {
            x = stack[base + ((i >>> 16) & 0xff)];
            y = k[i >>> 24];
            if (typeof x === 'number' && typeof y === 'number') {
              r = x * y;
              if (!Number.isInteger(r)) stack[base + ((i >>> 8) & 0xff)] = r;
              else {
                stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(x) && Number.isInteger(y)
                  ? (Number.isSafeInteger(r) ? r + 0 : intMul(x, y)) : new LuaFloat(r);
              }
              continue;
            }
            if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
              r = (typeof x === 'number' ? x : x.n) * (typeof y === 'number' ? y : y.n);
              stack[base + ((i >>> 8) & 0xff)] = Number.isInteger(r) ? new LuaFloat(r) : r;
              continue;
            }
            quicken(p, pc - 1, stack, base); // (another kind of operand: becomes _G)
            pc--;
            continue;
          }
          case Op.LT_F: {
            x = stack[base + ((i >>> 8) & 0xff)];
            y = stack[base + ((i >>> 16) & 0xff)];
            if (typeof x === 'number' && typeof y === 'number') cond = x < y;
            else if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
              // (integers are exact doubles below 2^53; larger ones are bigints, not numbers)
              cond = (typeof x === 'number' ? x : x.n) < (typeof y === 'number' ? y : y.n);
            } else {
              quicken(p, pc - 1, stack, base); // (another kind of operand: becomes _G)
              pc--;
              continue;
            }
            if (cond !== (i >>> 24 !== 0)) pc++;
            else {
              sj = (code[pc++] >>> 8) - OFFSET_sJ;
              if (sj < 0) {
                jumpTo = pc + sj;
                break;
              }
              pc += sj;
            }
            continue;
          }
          case Op.LE_F: {
            x = stack[base + ((i >>> 8) & 0xff)];
            y = stack[base + ((i >>> 16) & 0xff)];
            if (typeof x === 'number' && typeof y === 'number') cond = x <= y;
            else if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
              // (integers are exact doubles below 2^53; larger ones are bigints, not numbers)
              cond = (typeof x === 'number' ? x : x.n) <= (typeof y === 'number' ? y : y.n);
            } else {
              quicken(p, pc - 1, stack, base); // (another kind of operand: becomes _G)
              pc--;
              continue;
            }
            if (cond !== (i >>> 24 !== 0)) pc++;
            else {
              sj = (code[pc++] >>> 8) - OFFSET_sJ;
              if (sj < 0) {
                jumpTo = pc + sj;
                break;
              }
              pc += sj;
            }
            continue;
          }
          case Op.TEST: {
            v = stack[base + ((i >>> 8) & 0xff)];
            cond = v !== undefined && v !== false;
            if (cond !== (((i >>> 16) & 0xff) !== 0)) pc++;
            else {
              sj = (code[pc++] >>> 8) - OFFSET_sJ;
              if (sj < 0) {
                jumpTo = pc + sj;
                break;
              }
              pc += sj;
            }
            continue;
          }
          case Op.TESTSET: {
            v = stack[base + ((i >>> 16) & 0xff)];
            cond = v !== undefined && v !== false;
            if (cond !== (i >>> 24 !== 0)) pc++;
            else {
              stack[base + ((i >>> 8) & 0xff)] = v;
              sj = (code[pc++] >>> 8) - OFFSET_sJ;
              if (sj < 0) {
                jumpTo = pc + sj;
                break;
              }
              pc += sj;
            }
            continue;
          }

          // ---- calls and returns --------------------------------------------------------------
          case Op.CALL: {
            ra = base + ((i >>> 8) & 0xff);
            b = (i >>> 16) & 0xff;
            nargs = b !== 0 ? b - 1 : L.top - ra - 1;
            fn = stack[ra];
            ci.savedpc = pc;
            if (--S.safeCount <= 0) S.onSafePoint(L);
            if (fn instanceof LuaClosure) {
              np = fn.proto;
              np.callCount++; // call counter for the JIT's tiering (Proto.callCount)
              nb = ra + 1;
              top = nb + np.maxstacksize;
              idx = L.ciIdx + 1;
              nci = cis[idx];
              if (np.isVararg === false && top <= stack.length && nci !== undefined) {
                // the common case inline (pushLuaFrame without allocation or growth)
                for (j = nargs; j < np.numparams; j++) stack[nb + j] = undefined;
                // (not written: base is func + 1; savedpc is saved before anything reads it;
                // nextraargs is read only for vararg functions)
                nci.func = ra;
                nci.top = top;
                nci.nresults = (i >>> 24) - 1;
                nci.callstatus = 0;
                nci.cl = fn;
                L.ciIdx = idx;
                L.ci = ci = nci;
                cl = fn;
                p = np;
                code = np.code;
                k = np.constants;
                upvals = fn.upvals;
                base = nb;
                pc = 0;
                continue;
              }
              pushLuaFrame(L, fn, ra, nargs, (i >>> 24) - 1);
              continue newframe;
            }
            if (fn instanceof NativeFunction) {
              if (fn.builtin !== BUILTIN_NONE && callBuiltinInline(L, stack, fn.builtin, ra, nargs, (i >>> 24) - 1)) continue;
              if (!callNative(L, fn, ra, nargs, (i >>> 24) - 1)) continue newframe;
              continue;
            }
            if (!callAny(L, ra, nargs, (i >>> 24) - 1)) continue newframe;
            continue;
          }
          case Op.TAILCALL: {
            ci.savedpc = pc;
            if (--S.safeCount <= 0) S.onSafePoint(L);
            tailCall(L, ci, p, base, i);
            continue newframe;
          }
          case Op.RETURN: {
            ci.savedpc = pc;
            returnAll(L, ci, p, base, i);
            continue newframe;
          }
          case Op.RETURN0: {
            func = p.isVararg === true ? ci.func - ci.nextraargs - p.numparams - 1 : ci.func;
            wanted = ci.nresults;
            if (wanted > 0) for (j = 0; j < wanted; j++) stack[func + j] = undefined;
            else if (wanted < 0) L.top = func;
            L.ci = L.cis[--L.ciIdx];
            continue newframe;
          }
          case Op.RETURN1: {
            func = p.isVararg === true ? ci.func - ci.nextraargs - p.numparams - 1 : ci.func;
            wanted = ci.nresults;
            if (wanted === 1) stack[func] = stack[base + ((i >>> 8) & 0xff)];
            else if (wanted < 0) {
              stack[func] = stack[base + ((i >>> 8) & 0xff)];
              L.top = func + 1;
            } else if (wanted > 1) {
              stack[func] = stack[base + ((i >>> 8) & 0xff)];
              for (j = 1; j < wanted; j++) stack[func + j] = undefined;
            }
            // (the caller is reloaded at newframe, not here: a second inline frame switch, next
            // to CALL's, makes TurboFan's code for the whole loop slower — fib +10 %)
            L.ci = cis[--L.ciIdx];
            continue newframe;
          }

          // ---- loops ------------------------------------------------------------------------------
          case Op.FORLOOP: {
            ra = base + ((i >>> 8) & 0xff);
            step = stack[ra + 2];
            count = stack[ra + 1];
            cur = stack[ra];
            // (count and cur are numbers whenever step is: only a hostile binary chunk breaks that)
            if (typeof step === 'number' && typeof count === 'number' && typeof cur === 'number') {
              if (count > 0) {
                stack[ra + 1] = count - 1;
                idx = cur + step;
                stack[ra] = idx;
                stack[ra + 3] = idx;
                jumpTo = pc - (i >>> 16);
                break;
              }
              continue;
            }
            if (forLoopSlow(stack, ra)) {
              jumpTo = pc - (i >>> 16);
              break;
            }
            continue;
          }
          case Op.FORPREP: {
            // int32 start, limit and step (the usual loop): inline; everything else in forPrep
            ra = base + ((i >>> 8) & 0xff);
            init = stack[ra];
            limit = stack[ra + 1];
            step = stack[ra + 2];
            if (typeof init === 'number' && typeof limit === 'number' && typeof step === 'number' &&
              (init | 0) === init && (limit | 0) === limit && (step | 0) === step && step !== 0) {
              stack[ra + 3] = init;
              if (step > 0) {
                if (init > limit) pc += (i >>> 16) + 1;
                else stack[ra + 1] = step === 1 ? limit - init : Math.floor((limit - init) / step);
              } else if (init < limit) pc += (i >>> 16) + 1;
              else stack[ra + 1] = step === -1 ? init - limit : Math.floor((init - limit) / -step);
              continue;
            }
            ci.savedpc = pc;
            if (forPrep(L, base + ((i >>> 8) & 0xff))) pc += (i >>> 16) + 1;
            continue;
          }
          case Op.TFORPREP:
            ci.savedpc = pc;
            markTbc(L, ci, base + ((i >>> 8) & 0xff) + 3);
            pc += i >>> 16;
            continue;
          case Op.TFORCALL: {
            ra = base + ((i >>> 8) & 0xff);
            if (ra + 7 > stack.length) growStack(L, ra + 7);
            stack[ra + 4] = stack[ra];
            stack[ra + 5] = stack[ra + 1];
            stack[ra + 6] = stack[ra + 2];
            L.top = ra + 7;
            ci.savedpc = pc;
            if (--S.safeCount <= 0) S.onSafePoint(L);
            fn = stack[ra + 4];
            if (fn instanceof LuaClosure) {
              pushLuaFrame(L, fn, ra + 4, 2, i >>> 24);
              continue newframe;
            }
            if (fn instanceof NativeFunction && fn.iterator !== ITER_NONE) {
              // pairs/ipairs loops over plain tables: the iterator's work inline, no native call
              t = stack[ra + 5];
              if (t instanceof LuaTable) {
                nres = i >>> 24;
                if (fn.iterator === ITER_NEXT) {
                  r = t.next(stack[ra + 6], iterOut);
                  if (r !== undefined) {
                    if (r) {
                      stack[ra + 4] = iterOut[0];
                      stack[ra + 5] = iterOut[1];
                      iterOut[0] = iterOut[1] = undefined;
                    } else stack[ra + 4] = stack[ra + 5] = undefined;
                    for (j = 2; j < nres; j++) stack[ra + 4 + j] = undefined;
                    continue;
                  }
                  // an invalid key: the call below raises the error
                } else {
                  iv = stack[ra + 6];
                  if (t.metatable === undefined && typeof iv === 'number' && (iv | 0) === iv) {
                    v = t.getInt(iv + 1);
                    if (v === undefined) stack[ra + 4] = stack[ra + 5] = undefined;
                    else {
                      stack[ra + 4] = iv + 1;
                      stack[ra + 5] = v;
                    }
                    for (j = 2; j < nres; j++) stack[ra + 4 + j] = undefined;
                    continue;
                  }
                }
              }
            }
            if (!callAny(L, ra + 4, 2, i >>> 24)) continue newframe;
            continue;
          }
          case Op.TFORLOOP: {
            ra = base + ((i >>> 8) & 0xff);
            v = stack[ra + 4];
            if (v !== undefined) {
              stack[ra + 2] = v;
              jumpTo = pc - (i >>> 16);
              break;
            }
            continue;
          }

          // ---- tables, closures, varargs --------------------------------------------------------
          case Op.SETLIST:
            ci.savedpc = pc + 1;
            setList(L, base + ((i >>> 8) & 0xff), (i >>> 16) & 0xff, code[pc++] >>> 8);
            continue;
          case Op.CLOSURE: {
            np = p.protos[i >>> 16];
            descs = np.upvalues;
            if (descs.length === 1) {
              // (a literal allocates an exactly sized array; push on [] a larger backing store)
              d = descs[0];
              uvs = [d.instack === true ? findUpval(L, base + d.index) : upvals[d.index]];
            } else {
              uvs = [];
              for (j = 0; j < descs.length; j++) {
                d = descs[j];
                uvs.push(d.instack === true ? findUpval(L, base + d.index) : upvals[d.index]);
              }
            }
            stack[base + ((i >>> 8) & 0xff)] = new LuaClosure(np, uvs);
            continue;
          }
          case Op.VARARG:
            ci.savedpc = pc;
            varArg(L, ci, base + ((i >>> 8) & 0xff), (i >>> 24) - 1);
            continue;
          case Op.VARARGPREP:
          case Op.EXTRAARG:
            continue;
          default:
            throw new Error(`invalid opcode ${i & 0xff} at pc ${pc - 1}`);
        }
        // Every backward jump ends here: its handler `break`s out of the switch with the
        // target in jumpTo and pc still after the jumping instruction (where a safe point's
        // error or suspension belongs). One shared site instead of one per handler: each of
        // those deoptimised execute the first time it ticked after V8 had optimised execute.
        sc = --S.safeCount;
        if ((sc & 4095) === 0 || sc < 0) {
          // safe point, or stack renewal tick (calls.ts renewStack)
          ci.savedpc = pc;
          stack = safePointTick(L, sc, stopLevel);
        }
        pc = jumpTo;
      }
    } catch (e) {
      ci.savedpc = pc;
      handleException(L, e, stopLevel);
    }
  }
}

// ---- out of line: the generic halves of ADD/SUB/MUL and their K forms (the _G quickened
// instructions and the first execution before quickening): any numbers, boxed floats, then
// coercions and metamethods (arithSlow). c = -0x40000000: y is a constant. ---------------------

function addG(L: LuaThread, ci: CallInfo, x: LuaValue, y: LuaValue, b: number, c: number): LuaValue | Suspend {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x + y;
    if (!Number.isInteger(r)) return r;
    return Number.isInteger(x) && Number.isInteger(y) ? (Number.isSafeInteger(r) ? r : intAdd(x, y)) : new LuaFloat(r);
  }
  if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
    // at least one boxed (integral-valued) float: float arithmetic
    const r = (typeof x === 'number' ? x : x.n) + (typeof y === 'number' ? y : y.n);
    return Number.isInteger(r) ? new LuaFloat(r) : r;
  }
  return arithSlow(L, ci, 'add', x, y, b, c);
}

function subG(L: LuaThread, ci: CallInfo, x: LuaValue, y: LuaValue, b: number, c: number): LuaValue | Suspend {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x - y;
    if (!Number.isInteger(r)) return r;
    return Number.isInteger(x) && Number.isInteger(y) ? (Number.isSafeInteger(r) ? r : intSub(x, y)) : new LuaFloat(r);
  }
  if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
    // at least one boxed (integral-valued) float: float arithmetic; x - k with a constant k is
    // x + (-k), as in PUC, which compiles it to ADDI: -0.0 - 0 is 0.0
    const xn = typeof x === 'number' ? x : x.n;
    const r = c === -0x40000000 ? xn + (typeof y === 'number' ? 0 - y : -y.n) : xn - (typeof y === 'number' ? y : y.n);
    return Number.isInteger(r) ? new LuaFloat(r) : r;
  }
  return arithSlow(L, ci, 'sub', x, y, b, c);
}

function mulG(L: LuaThread, ci: CallInfo, x: LuaValue, y: LuaValue, b: number, c: number): LuaValue | Suspend {
  if (typeof x === 'number' && typeof y === 'number') {
    const r = x * y;
    if (!Number.isInteger(r)) return r;
    return Number.isInteger(x) && Number.isInteger(y) ? (Number.isSafeInteger(r) ? r + 0 : intMul(x, y)) : new LuaFloat(r);
  }
  if ((typeof x === 'number' || x instanceof LuaFloat) && (typeof y === 'number' || y instanceof LuaFloat)) {
    // at least one boxed (integral-valued) float: float arithmetic
    const r = (typeof x === 'number' ? x : x.n) * (typeof y === 'number' ? y : y.n);
    return Number.isInteger(r) ? new LuaFloat(r) : r;
  }
  return arithSlow(L, ci, 'mul', x, y, b, c);
}

// ---- out of line: rare instructions (kept out of `execute`, whose TurboFan code pays for the
// size and the feedback of every case it contains; docs/performance.md item 23) -----------------

/** TAILCALL R[A](R[A+1..]) of frame ci; leaves the frame to continue with in L.ci. */
function tailCall(L: LuaThread, ci: CallInfo, p: Proto, base: number, i: number): void {
  const stack = L.stack;
  const ra = base + ((i >>> 8) & 0xff);
  const b = (i >>> 16) & 0xff;
  let nargs = b !== 0 ? b - 1 : L.top - ra - 1;
  if (i >>> 24 !== 0) closeUpvals(L, base);
  let fn = stack[ra];
  for (let chain = 0; !(fn instanceof LuaFunction); chain++) {
    nargs = tryFuncTM(L, ra, nargs, chain);
    fn = stack[ra];
  }
  const func = p.isVararg === true ? ci.func - ci.nextraargs - p.numparams - 1 : ci.func;
  if (fn instanceof LuaClosure) {
    const np = fn.proto;
    // grow first: pushLuaFrame must not fail once the frame is popped
    const need = func + nargs + 2 + np.numparams + np.maxstacksize;
    if (need > stack.length) growStack(L, need);
    for (let j = 0; j <= nargs; j++) stack[func + j] = stack[ra + j];
    if (np.isVararg === false) {
      // what popping ci and pushLuaFrame would do: reuse ci in place
      const nb = func + 1;
      for (let j = nargs; j < np.numparams; j++) stack[nb + j] = undefined;
      ci.func = func;
      ci.top = nb + np.maxstacksize;
      ci.savedpc = 0;
      ci.callstatus = CIST_TAIL;
      ci.cl = fn;
      return;
    }
    const nresults = ci.nresults;
    L.ciIdx--;
    pushLuaFrame(L, fn, func, nargs, nresults).callstatus = CIST_TAIL;
    return;
  }
  // a native in tail position: call it, then return its results (if it suspends,
  // the RETURN A 0 that follows every TAILCALL returns them)
  L.top = ra + 1 + nargs;
  if (!callNative(L, fn as NativeFunction, ra, nargs, -1)) return;
  luaReturn(L, ci, func, ra, L.top - ra);
}

/** RETURN R[A..]: close upvalues and to-be-closed variables if k, move the results, pop ci. */
function returnAll(L: LuaThread, ci: CallInfo, p: Proto, base: number, i: number): void {
  const ra = base + ((i >>> 8) & 0xff);
  let n = ((i >>> 16) & 0xff) - 1;
  if (n < 0) n = L.top - ra;
  if (i >>> 24 !== 0) {
    ci.aux = n;
    const ol = L.openupval;
    if (ol.length > 0 && ol[ol.length - 1].idx >= base) closeUpvals(L, base);
    const tl = L.tbcList;
    if (tl.length > 0 && tl[tl.length - 1] >= base) {
      const top = ra + n;
      if (closeVM(L, ci, base, top > ci.top ? top : ci.top) === SUSPEND) return;
    }
  }
  luaReturn(L, ci, p.isVararg === true ? ci.func - ci.nextraargs - p.numparams - 1 : ci.func, ra, n);
}

/** SETLIST: R[ra][off + j] = R[ra + j] for j = 1..n (n = 0: up to L.top). */
function setList(L: LuaThread, ra: number, n: number, off: number): void {
  const stack = L.stack;
  if (n === 0) n = L.top - ra - 1;
  const t = stack[ra];
  // always a table made by NEWTABLE, unless a hostile binary chunk says otherwise
  if (!(t instanceof LuaTable)) runtimeError('SETLIST on a non-table value');
  for (let j = 1; j <= n; j++) t.setInt(off + j, stack[ra + j]);
}

/** VARARG: `wanted` extra arguments of frame ci to R[ra..] (wanted < 0: all, setting L.top). */
function varArg(L: LuaThread, ci: CallInfo, ra: number, wanted: number): void {
  const n = ci.nextraargs;
  const src = ci.func - n;
  if (wanted < 0) {
    if (ra + n > L.stack.length) growStack(L, ra + n);
    const stack = L.stack;
    for (let j = 0; j < n; j++) stack[ra + j] = stack[src + j];
    L.top = ra + n;
  } else {
    const stack = L.stack;
    for (let j = 0; j < wanted; j++) stack[ra + j] = j < n ? stack[src + j] : undefined;
  }
}

/** CLOSE: close the upvalues and to-be-closed variables from `level` up. */
function closeOp(L: LuaThread, ci: CallInfo, level: number): Suspend | undefined {
  const ol = L.openupval;
  if (ol.length > 0 && ol[ol.length - 1].idx >= level) closeUpvals(L, level);
  const tl = L.tbcList;
  if (tl.length > 0 && tl[tl.length - 1] >= level) return closeVM(L, ci, level, ci.top);
  return undefined;
}

const ARITH_OPS: import('../runtime/number.js').ArithOp[] = [];
ARITH_OPS[Op.ADDK] = 'add'; ARITH_OPS[Op.SUBK] = 'sub'; ARITH_OPS[Op.MULK] = 'mul';
ARITH_OPS[Op.MODK] = 'mod'; ARITH_OPS[Op.POWK] = 'pow'; ARITH_OPS[Op.DIVK] = 'div';
ARITH_OPS[Op.IDIVK] = 'idiv'; ARITH_OPS[Op.BANDK] = 'band'; ARITH_OPS[Op.BORK] = 'bor';
ARITH_OPS[Op.BXORK] = 'bxor'; ARITH_OPS[Op.ADD] = 'add'; ARITH_OPS[Op.SUB] = 'sub';
ARITH_OPS[Op.MUL] = 'mul'; ARITH_OPS[Op.MOD] = 'mod'; ARITH_OPS[Op.POW] = 'pow';
ARITH_OPS[Op.DIV] = 'div'; ARITH_OPS[Op.IDIV] = 'idiv'; ARITH_OPS[Op.BAND] = 'band';
ARITH_OPS[Op.BOR] = 'bor'; ARITH_OPS[Op.BXOR] = 'bxor'; ARITH_OPS[Op.SHL] = 'shl';
ARITH_OPS[Op.SHR] = 'shr';
