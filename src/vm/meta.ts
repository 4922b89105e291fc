// Slow paths of the interpreter: metamethods and the less common value representations.
//
// Every function here runs on behalf of the Lua frame `ci` whose current instruction
// (ci.savedpc - 1; the caller saves pc first) needs it. Metamethods are called yieldably: the
// call is placed at a free slot above the frame (ci.top, or `pos`), the frame is flagged
// CIST_PENDING, and
//   - a Lua metamethod gets a new frame and the function returns SUSPEND: the interpreter runs
//     the metamethod in the same loop and, when it returns, finishOp (interpreter.ts) completes
//     the interrupted instruction from the instruction itself and the result at ci.mmPos;
//   - a native metamethod runs at once and its result is returned (unless it yields or calls
//     Lua through callk: then SUSPEND too).
// Operand sources (`src`) are for error messages: a register index, -1-upvalue, or NOSRC.

import { chargeMem, MEM_STRING } from '../runtime/memory.js';
import { LuaFloat, LuaFunction, isFalsy, type LuaValue } from '../runtime/value.js';
import { LuaTable } from '../runtime/table.js';
import { runtimeError } from '../runtime/error.js';
import {
  isNumber, isInteger, numAdd, numSub, numMul, numDiv, numPow, numIdiv, numMod, numUnm,
  numLessThan, numLessEqual, rawEquals, toBitInteger, toNumber, toFloat, floatToInteger,
  i64Band, i64Bor, i64Bxor, i64Shl, i64Shr, i64Bnot, MAXINTEGER, MININTEGER,
  type ArithOp, type LuaInteger,
} from '../runtime/number.js';
import { CIST_LEQ, CIST_PENDING, type CallInfo } from './callinfo.js';
import { LuaClosure } from './function.js';
import { LUA_MINSTACK, type LuaThread } from './state.js';
import {
  getMetamethod, binMetamethod, eqMetamethod, arithError, concatPiece, rawSetChecked,
} from './ops.js';
import { NOSRC, typeError, orderError, forError } from './debuginfo.js';
import { callAny, closeUpvals, growStack, incCcalls, pushLuaFrame } from './calls.js';

/** "The interrupted instruction will be finished by finishOp" (or the thread yielded). */
export class Suspend {
  readonly kind = 'suspend';
}
export const SUSPEND = new Suspend();

const MAXTAGLOOP = 2000;

/**
 * Call metamethod f(a, b[, c]) for frame ci with nres results (0 or 1), placing the call at
 * stack[pos]. Returns the result, or SUSPEND.
 */
export function callTM(
  L: LuaThread, ci: CallInfo, f: LuaValue, a: LuaValue, b: LuaValue, c: LuaValue,
  nargs: number, nres: number, pos: number,
): LuaValue | Suspend {
  const stack = L.stack;
  if (pos + 4 + LUA_MINSTACK > stack.length) growStack(L, pos + 4 + LUA_MINSTACK);
  stack[pos] = f;
  stack[pos + 1] = a;
  stack[pos + 2] = b;
  if (nargs === 3) stack[pos + 3] = c;
  L.top = pos + 1 + nargs;
  ci.mmPos = pos;
  incCcalls(L);
  ci.callstatus |= CIST_PENDING;
  if (f instanceof LuaClosure) {
    pushLuaFrame(L, f, pos, nargs, nres);
    return SUSPEND;
  }
  if (!callAny(L, pos, nargs, nres)) return SUSPEND;
  ci.callstatus &= ~CIST_PENDING;
  L.nCcalls--;
  return stack[pos];
}

// ---- indexing ---------------------------------------------------------------------------------

/** t[key] with __index (luaV_finishget). */
export function getSlow(L: LuaThread, ci: CallInfo, t: LuaValue, key: LuaValue, src: number): LuaValue | Suspend {
  const S = L.state;
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let tm: LuaValue;
    if (t instanceof LuaTable) {
      const v = t.get(key);
      if (v !== undefined) return v;
      const mt = t.metatable;
      if (mt === undefined) return undefined;
      tm = mt.getStr('__index');
      if (tm === undefined) return undefined;
    } else {
      tm = getMetamethod(S, t, '__index');
      if (tm === undefined) typeError(L, ci, t, 'index', loop === 0 ? src : NOSRC);
    }
    if (tm instanceof LuaFunction) return callTM(L, ci, tm, t, key, undefined, 2, 1, ci.top);
    t = tm;
  }
  return runtimeError("'__index' chain too long; possible loop");
}

/** t[key] = val with __newindex (luaV_finishset). Returns SUSPEND or undefined. */
export function setSlow(
  L: LuaThread, ci: CallInfo, t: LuaValue, key: LuaValue, val: LuaValue, src: number,
): LuaValue | Suspend {
  const S = L.state;
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let tm: LuaValue;
    if (t instanceof LuaTable) {
      const mt = t.metatable;
      if (mt === undefined || t.get(key) !== undefined || (tm = mt.getStr('__newindex')) === undefined) {
        rawSetChecked(t, key, val);
        return undefined;
      }
    } else {
      tm = getMetamethod(S, t, '__newindex');
      if (tm === undefined) typeError(L, ci, t, 'index', loop === 0 ? src : NOSRC);
    }
    if (tm instanceof LuaFunction) {
      const r = callTM(L, ci, tm, t, key, val, 3, 0, ci.top);
      return r === SUSPEND ? SUSPEND : undefined;
    }
    t = tm;
  }
  return runtimeError("'__newindex' chain too long; possible loop");
}

// ---- arithmetic -------------------------------------------------------------------------------

const EVENTS: Record<ArithOp, string> = {
  add: '__add', sub: '__sub', mul: '__mul', mod: '__mod', pow: '__pow', div: '__div',
  idiv: '__idiv', band: '__band', bor: '__bor', bxor: '__bxor', shl: '__shl', shr: '__shr',
  unm: '__unm', bnot: '__bnot',
};

/** Raw arithmetic on two Lua numbers (any representation); undefined for bitwise ops on non-integral floats. */
export function arithNumbers(op: ArithOp, a: LuaValue, b: LuaValue): LuaValue {
  switch (op) {
    case 'add': return numAdd(a, b);
    case 'sub': return numSub(a, b);
    case 'mul': return numMul(a, b);
    case 'div': return numDiv(a, b);
    case 'pow': return numPow(a, b);
    case 'idiv':
      if (isInteger(b) && b == 0 && isInteger(a)) runtimeError('attempt to divide by zero');
      return numIdiv(a, b);
    case 'mod':
      if (isInteger(b) && b == 0 && isInteger(a)) runtimeError("attempt to perform 'n%0'");
      return numMod(a, b);
    case 'unm': return numUnm(a);
  }
  const x = toBitInteger(a);
  const y = toBitInteger(b);
  if (x === undefined || y === undefined) return undefined;
  switch (op) {
    case 'band': return i64Band(x, y);
    case 'bor': return i64Bor(x, y);
    case 'bxor': return i64Bxor(x, y);
    case 'shl': return i64Shl(x, y);
    case 'shr': return i64Shr(x, y);
    case 'bnot': return i64Bnot(x);
  }
  return undefined;
}

/**
 * a <op> b for the arithmetic instructions when the inline fast path does not apply: other
 * number representations, then the metamethod of a or b, else the reference's error. For
 * unary operators pass b = a (the metamethod gets the operand twice, as in the reference).
 */
export function arithSlow(
  L: LuaThread, ci: CallInfo, op: ArithOp, a: LuaValue, b: LuaValue, srcA: number, srcB: number,
): LuaValue | Suspend {
  if (isNumber(a) && isNumber(b)) {
    const r = arithNumbers(op, a, b);
    if (r !== undefined) return r;
  }
  const tm = binMetamethod(L.state, a, b, EVENTS[op]);
  if (tm === undefined) arithError(L, op, a, b, ci, srcA, srcB);
  return callTM(L, ci, tm, a, b, undefined, 2, 1, ci.top);
}

// ---- comparison ---------------------------------------------------------------------------------

export function eqSlow(L: LuaThread, ci: CallInfo, a: LuaValue, b: LuaValue): boolean | Suspend {
  const tm = eqMetamethod(L.state, a, b);
  if (tm === undefined) return rawEquals(a, b);
  const r = callTM(L, ci, tm, a, b, undefined, 2, 1, ci.top);
  return r === SUSPEND ? SUSPEND : !isFalsy(r as LuaValue);
}

export function ltSlow(L: LuaThread, ci: CallInfo, a: LuaValue, b: LuaValue): boolean | Suspend {
  if (isNumber(a) && isNumber(b)) return numLessThan(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  const tm = binMetamethod(L.state, a, b, '__lt');
  if (tm === undefined) orderError(L, a, b);
  const r = callTM(L, ci, tm, a, b, undefined, 2, 1, ci.top);
  return r === SUSPEND ? SUSPEND : !isFalsy(r as LuaValue);
}

export function leSlow(L: LuaThread, ci: CallInfo, a: LuaValue, b: LuaValue): boolean | Suspend {
  if (isNumber(a) && isNumber(b)) return numLessEqual(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a <= b;
  const tm = binMetamethod(L.state, a, b, '__le');
  if (tm === undefined) {
    // LUA_COMPAT_LT_LE (as in the reference lua5.4): a <= b is not (b < a) when only __lt exists
    const lt = binMetamethod(L.state, b, a, '__lt');
    if (lt === undefined) orderError(L, a, b);
    ci.callstatus |= CIST_LEQ; // finishOp negates the result if the call suspends
    const r = callTM(L, ci, lt, b, a, undefined, 2, 1, ci.top);
    if (r === SUSPEND) return SUSPEND;
    ci.callstatus &= ~CIST_LEQ;
    return isFalsy(r as LuaValue);
  }
  const r = callTM(L, ci, tm, a, b, undefined, 2, 1, ci.top);
  return r === SUSPEND ? SUSPEND : !isFalsy(r as LuaValue);
}

// ---- length and concatenation ----------------------------------------------------------------

export function lenSlow(L: LuaThread, ci: CallInfo, v: LuaValue, src: number): LuaValue | Suspend {
  let tm: LuaValue;
  if (v instanceof LuaTable) {
    tm = v.metatable?.getStr('__len');
    if (tm === undefined) return v.length();
  } else if (typeof v === 'string') {
    return v.length;
  } else {
    tm = getMetamethod(L.state, v, '__len');
    if (tm === undefined) typeError(L, ci, v, 'get length of', src);
  }
  return callTM(L, ci, tm, v, v, undefined, 2, 1, ci.top);
}

function isStrOrNum(v: LuaValue): boolean {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat;
}

/**
 * Concatenate the `total` values at stack[ra..] into stack[ra] (luaV_concat): from the right,
 * joining runs of strings/numbers, calling __concat for other pairs. ci.aux keeps `total` while
 * a metamethod runs.
 */
export function concatSlow(L: LuaThread, ci: CallInfo, ra: number, total: number): Suspend | undefined {
  const stack = L.stack;
  while (total > 1) {
    const top = ra + total;
    const x = stack[top - 2];
    const y = stack[top - 1];
    if (isStrOrNum(x) && isStrOrNum(y)) {
      let m = 2;
      while (m < total && isStrOrNum(stack[top - m - 1])) m++;
      // memory accounting: long results are charged before they exist
      let size = 0;
      for (let j = top - m; j < top; j++) {
        const v = stack[j];
        size += typeof v === 'string' ? v.length : 24;
      }
      if (size >= 64) chargeMem(MEM_STRING + size);
      let s = concatPiece(stack[top - m]);
      for (let j = top - m + 1; j < top; j++) s += concatPiece(stack[j]);
      stack[top - m] = s;
      total -= m - 1;
    } else {
      const tm = binMetamethod(L.state, x, y, '__concat');
      if (tm === undefined) {
        const badX = !isStrOrNum(x);
        typeError(L, ci, badX ? x : y, 'concatenate', (badX ? top - 2 : top - 1) - ci.base);
      }
      ci.aux = total;
      const r = callTM(L, ci, tm, x, y, undefined, 2, 1, ci.top);
      if (r === SUSPEND) return SUSPEND;
      stack[top - 2] = r as LuaValue;
      total--;
    }
  }
  return undefined;
}

// ---- closing -------------------------------------------------------------------------------------

/**
 * CLOSE / RETURN with k: close upvalues and call __close(v, nil) for the to-be-closed variables
 * at or above `level`, yieldably (calls placed at stack[pos]). SUSPEND after each Lua __close:
 * finishOp re-executes the instruction, which continues with the remaining variables.
 */
export function closeVM(L: LuaThread, ci: CallInfo, level: number, pos: number): Suspend | undefined {
  closeUpvals(L, level);
  const list = L.tbcList;
  while (list.length > 0 && list[list.length - 1] >= level) {
    const idx = list.pop()!;
    const v = L.stack[idx];
    const tm = getMetamethod(L.state, v, '__close');
    const r = callTM(L, ci, tm, v, undefined, undefined, 2, 0, pos);
    if (r === SUSPEND) return SUSPEND;
  }
  return undefined;
}

// ---- numeric for ---------------------------------------------------------------------------------
//
// Internal state of a numeric for at R[A..A+2] (the "(for state)" locals):
//   integer loop, fast:  R[A] index, R[A+1] iteration count, R[A+2] step — all JS numbers;
//   integer loop, wide:  the same as bigints (some value outside the fast range);
//   float loop:          R[A] index and R[A+1] limit as raw JS doubles, R[A+2] the step boxed in
//                        a LuaFloat (even when not integral: this is how FORLOOP tells the kinds
//                        apart: typeof step === 'number' / 'bigint' / LuaFloat).

/** FORPREP: returns true if the loop must be skipped. */
export function forPrep(L: LuaThread, ra: number): boolean {
  const stack = L.stack;
  const init = stack[ra];
  const plimit = stack[ra + 1];
  const pstep = stack[ra + 2];
  if (isInteger(init) && isInteger(pstep)) {
    const step = pstep as LuaInteger;
    const i0 = init as LuaInteger;
    if (step == 0) runtimeError("'for' step is zero");
    stack[ra + 3] = i0;
    const neg = step < 0;
    let limit: LuaInteger;
    let li: LuaInteger | undefined;
    if (isInteger(plimit)) li = plimit as LuaInteger;
    else {
      const n = toNumber(plimit);
      if (n === undefined) forError(L, plimit, 'limit');
      li = isInteger(n) ? (n as LuaInteger) : floatToInteger(toFloat(n), neg ? 'ceil' : 'floor');
      if (li === undefined) {
        const f = toFloat(n);
        if (f > 0) {
          if (neg) return true;
          li = MAXINTEGER;
        } else {
          if (!neg) return true;
          li = MININTEGER;
        }
      }
    }
    limit = li;
    if (neg ? i0 < limit : i0 > limit) return true;
    if (typeof i0 === 'number' && typeof step === 'number' && typeof limit === 'number') {
      const diff = neg ? i0 - limit : limit - i0;
      if (diff <= Number.MAX_SAFE_INTEGER) {
        stack[ra + 1] = step === 1 || step === -1 ? diff : Math.floor(diff / (neg ? -step : step));
        return false;
      }
    }
    const I = BigInt(i0);
    const St = BigInt(step);
    const Lm = BigInt(limit);
    stack[ra] = I;
    stack[ra + 1] = neg ? (I - Lm) / -St : (Lm - I) / St;
    stack[ra + 2] = St;
    return false;
  }
  const nl = toNumber(plimit);
  if (nl === undefined) forError(L, plimit, 'limit');
  const ns = toNumber(pstep);
  if (ns === undefined) forError(L, pstep, 'step');
  const ni = toNumber(init);
  if (ni === undefined) forError(L, init, 'initial value');
  const flimit = toFloat(nl);
  const step = toFloat(ns);
  const finit = toFloat(ni);
  if (step === 0) runtimeError("'for' step is zero");
  if (0 < step ? flimit < finit : finit < flimit) return true;
  stack[ra] = finit;
  stack[ra + 1] = flimit;
  stack[ra + 2] = new LuaFloat(step);
  stack[ra + 3] = Number.isInteger(finit) ? new LuaFloat(finit) : finit;
  return false;
}

/**
 * A loop state that FORPREP cannot have made: only a hostile binary chunk (writing the loop's
 * internal registers or jumping to a FORLOOP) gets here; the verifier cannot rule it out.
 */
function corruptLoop(): never {
  runtimeError("'for' loop state is corrupted");
}

/** FORLOOP for wide-integer and float loops: returns true to jump back. */
export function forLoopSlow(stack: LuaValue[], ra: number): boolean {
  const step = stack[ra + 2];
  const count = stack[ra + 1];
  const cur = stack[ra];
  if (typeof step === 'bigint') {
    if (typeof count !== 'bigint' || typeof cur !== 'bigint') corruptLoop();
    if (count > 0n) {
      stack[ra + 1] = count - 1n;
      const idx = BigInt.asIntN(64, cur + step);
      stack[ra] = idx;
      stack[ra + 3] = idx >= -9007199254740991n && idx <= 9007199254740991n ? Number(idx) : idx;
      return true;
    }
    return false;
  }
  if (!(step instanceof LuaFloat) || typeof count !== 'number' || typeof cur !== 'number') corruptLoop();
  const st = step.n;
  const limit = count;
  const idx = cur + st;
  if (0 < st ? idx <= limit : limit <= idx) {
    stack[ra] = idx;
    stack[ra + 3] = Number.isInteger(idx) ? new LuaFloat(idx) : idx;
    return true;
  }
  return false;
}

