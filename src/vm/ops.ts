// Metamethod-aware operations for native code (the equivalents of lua_gettable, lua_settable,
// lua_compare, luaL_len, luaL_tolstring, lua_arith...). They may call Lua functions
// (metamethods) through L.call, so they are not yieldable. The interpreter has its own inline
// fast paths and yieldable metamethod calls (vm/meta.ts).
//
// Errors are raised like the reference's C API: runtime errors get the position of the running
// Lua function only if the running function is a Lua function (natives: no position), and
// messages carry no variable names (the operands are not in a Lua frame).

import { LuaFloat, LuaFunction, LuaThreadBase, LuaUserdata, isFalsy, type LuaValue } from '../runtime/value.js';
import { LuaTable } from '../runtime/table.js';
import { LuaException, runtimeError } from '../runtime/error.js';
import {
  arith as numArith, isNumber, numberToString, numLessThan, numLessEqual, rawEquals, toBitInteger,
  type ArithOp,
} from '../runtime/number.js';
import type { LuaState, LuaThread } from './state.js';
import { NOSRC, orderError, typeError, objtypename, varinfo } from './debuginfo.js';
import type { CallInfo } from './callinfo.js';

/** Lua type name of a value: 'nil' 'boolean' 'number' 'string' 'table' 'function' 'userdata' 'thread'. */
export function typeName(v: LuaValue): string {
  switch (typeof v) {
    case 'undefined': return 'nil';
    case 'boolean': return 'boolean';
    case 'number': case 'bigint': return 'number';
    case 'string': return 'string';
  }
  if (v instanceof LuaTable) return 'table';
  if (v instanceof LuaFunction) return 'function';
  if (v instanceof LuaFloat) return 'number';
  if (v instanceof LuaUserdata) return 'userdata';
  if (v instanceof LuaThreadBase) return 'thread';
  return 'userdata';
}

/** Metatable of any value (strings share S.stringMeta), or undefined. */
export function getMetatable(S: LuaState, v: LuaValue): LuaTable | undefined {
  if (v instanceof LuaTable) return v.metatable;
  switch (typeof v) {
    case 'string': return S.stringMeta;
    case 'number': case 'bigint': return S.numberMeta;
    case 'boolean': return S.booleanMeta;
    case 'undefined': return S.nilMeta;
  }
  if (v instanceof LuaFloat) return S.numberMeta;
  if (v instanceof LuaUserdata) return v.metatable;
  if (v instanceof LuaFunction) return S.functionMeta;
  if (v instanceof LuaThreadBase) return S.threadMeta;
  return undefined;
}

/** Metamethod `event` ('__index', '__add', ...) of v, or undefined. */
export function getMetamethod(S: LuaState, v: LuaValue, event: string): LuaValue {
  const mt = getMetatable(S, v);
  return mt === undefined ? undefined : mt.getStr(event);
}

const MAXTAGLOOP = 2000;

function call1(L: LuaThread, f: LuaValue, args: LuaValue[]): LuaValue {
  return L.call(f, args)[0];
}

/** v[k] with __index. */
export function index(L: LuaThread, v: LuaValue, k: LuaValue): LuaValue {
  let t = v;
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let tm: LuaValue;
    if (t instanceof LuaTable) {
      const r = t.get(k);
      if (r !== undefined) return r;
      const mt = t.metatable;
      if (mt === undefined) return undefined;
      tm = mt.getStr('__index');
      if (tm === undefined) return undefined;
    } else {
      tm = getMetamethod(L.state, t, '__index');
      if (tm === undefined) typeError(L, null, t, 'index', NOSRC);
    }
    if (tm instanceof LuaFunction) return call1(L, tm, [t, k]);
    t = tm;
  }
  return runtimeError("'__index' chain too long; possible loop");
}

/** Raw t[k] = x with the reference's key checks ("table index is nil" / "table index is NaN"). */
export function rawSetChecked(t: LuaTable, k: LuaValue, x: LuaValue): void {
  if (k === undefined) runtimeError('table index is nil');
  if (typeof k === 'number' && k !== k) runtimeError('table index is NaN');
  t.set(k, x);
}

/** v[k] = x with __newindex. Raises "table index is nil"/"table index is NaN" for bad keys. */
export function setIndex(L: LuaThread, v: LuaValue, k: LuaValue, x: LuaValue): void {
  let t = v;
  for (let loop = 0; loop < MAXTAGLOOP; loop++) {
    let tm: LuaValue;
    if (t instanceof LuaTable) {
      const mt = t.metatable;
      if (mt === undefined || t.get(k) !== undefined || (tm = mt.getStr('__newindex')) === undefined) {
        rawSetChecked(t, k, x);
        return;
      }
    } else {
      tm = getMetamethod(L.state, t, '__newindex');
      if (tm === undefined) typeError(L, null, t, 'index', NOSRC);
    }
    if (tm instanceof LuaFunction) {
      L.call(tm, [t, k, x]);
      return;
    }
    t = tm;
  }
  runtimeError("'__newindex' chain too long; possible loop");
}

/** The __eq metamethod for two tables or two userdata, or undefined. */
export function eqMetamethod(S: LuaState, a: LuaValue, b: LuaValue): LuaValue {
  if ((a instanceof LuaTable && b instanceof LuaTable) || (a instanceof LuaUserdata && b instanceof LuaUserdata)) {
    let tm = a.metatable?.getStr('__eq');
    if (tm === undefined) tm = b.metatable?.getStr('__eq');
    return tm;
  }
  return undefined;
}

/** a == b with __eq. */
export function equals(L: LuaThread, a: LuaValue, b: LuaValue): boolean {
  if (a === b) return true;
  const tm = eqMetamethod(L.state, a, b);
  if (tm === undefined) return rawEquals(a, b);
  return !isFalsy(call1(L, tm, [a, b]));
}

/** Binary metamethod of a, else of b (luaT_callbinTM's lookup), or undefined. */
export function binMetamethod(S: LuaState, a: LuaValue, b: LuaValue, event: string): LuaValue {
  let tm = getMetamethod(S, a, event);
  if (tm === undefined) tm = getMetamethod(S, b, event);
  return tm;
}

/** a < b with __lt (errors "attempt to compare ..."). */
export function lessThan(L: LuaThread, a: LuaValue, b: LuaValue): boolean {
  if (isNumber(a) && isNumber(b)) return numLessThan(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a < b;
  const tm = binMetamethod(L.state, a, b, '__lt');
  if (tm === undefined) orderError(L, a, b);
  return !isFalsy(call1(L, tm, [a, b]));
}

/** a <= b with __le. */
export function lessEqual(L: LuaThread, a: LuaValue, b: LuaValue): boolean {
  if (isNumber(a) && isNumber(b)) return numLessEqual(a, b);
  if (typeof a === 'string' && typeof b === 'string') return a <= b;
  const tm = binMetamethod(L.state, a, b, '__le');
  if (tm === undefined) {
    // LUA_COMPAT_LT_LE (as in the reference lua5.4): not (b < a) when only __lt exists
    const lt = binMetamethod(L.state, b, a, '__lt');
    if (lt === undefined) orderError(L, a, b);
    return isFalsy(call1(L, lt, [b, a]));
  }
  return !isFalsy(call1(L, tm, [a, b]));
}

/** #v with __len. */
export function len(L: LuaThread, v: LuaValue): LuaValue {
  if (typeof v === 'string') return v.length;
  if (v instanceof LuaTable) {
    const tm = v.metatable?.getStr('__len');
    if (tm === undefined) return v.length();
    return call1(L, tm, [v, v]);
  }
  const tm = getMetamethod(L.state, v, '__len');
  if (tm === undefined) typeError(L, null, v, 'get length of', NOSRC);
  return call1(L, tm, [v, v]);
}

function isStrOrNum(v: LuaValue): boolean {
  return typeof v === 'string' || isNumber(v);
}

/** String form of a string or number operand of concatenation. */
export function concatPiece(v: LuaValue): string {
  return typeof v === 'string' ? v : numberToString(v);
}

/** a .. b with __concat (numbers converted to strings). */
export function concat(L: LuaThread, a: LuaValue, b: LuaValue): LuaValue {
  if (isStrOrNum(a) && isStrOrNum(b)) return concatPiece(a) + concatPiece(b);
  const tm = binMetamethod(L.state, a, b, '__concat');
  if (tm === undefined) typeError(L, null, isStrOrNum(a) ? b : a, 'concatenate', NOSRC);
  return call1(L, tm, [a, b]);
}

const BITWISE = new Set<ArithOp>(['band', 'bor', 'bxor', 'shl', 'shr', 'bnot']);

/**
 * lua_arith: a <op> b with string coercion (arithmetic only) and metamethods. For 'unm' and
 * 'bnot' b is ignored (the metamethod receives a twice).
 */
export function arith(L: LuaThread, op: ArithOp, a: LuaValue, b: LuaValue): LuaValue {
  const unary = op === 'unm' || op === 'bnot';
  if (unary) b = a;
  const r = numArith(op, a, b);
  if (r !== undefined) return r;
  const tm = binMetamethod(L.state, a, b, '__' + op);
  if (tm !== undefined) return call1(L, tm, [a, b]);
  return arithError(L, op, a, b, null, NOSRC, NOSRC);
}

/** luaT_trybinTM's error for an arithmetic/bitwise operation without metamethod. */
export function arithError(
  L: LuaThread, op: ArithOp | string, a: LuaValue, b: LuaValue,
  ci: CallInfo | null, srcA: number, srcB: number,
): never {
  if (BITWISE.has(op as ArithOp)) {
    if (isNumber(a) && isNumber(b)) {
      // luaG_tointerror: blame the operand without an integer representation
      const bad = toBitInteger(a) === undefined ? srcA : srcB;
      throw new LuaException(`number${varinfo(ci, bad)} has no integer representation`, true);
    }
    if (!isNumber(a)) typeError(L, ci, a, 'perform bitwise operation on', srcA);
    typeError(L, ci, b, 'perform bitwise operation on', srcB);
  }
  if (!isNumber(a)) typeError(L, ci, a, 'perform arithmetic on', srcA);
  return typeError(L, ci, b, 'perform arithmetic on', srcB);
}

// ---- tostring --------------------------------------------------------------------------------

const ids = new WeakMap<object, number>();
let nextId = 0;

/** A stable unique pseudo-address for an object: "0x" + 12 hex digits, as glibc prints a
 * user-space pointer on x86-64, so `%20s`-style padding lines up as in the reference. */
export function addressOf(v: object): string {
  let id = ids.get(v);
  if (id === undefined) {
    id = ++nextId;
    ids.set(v, id);
  }
  return '0x' + (0x555555550000 + id * 0x40).toString(16);
}

/** tostring(v) as luaL_tolstring: __tostring, __name, "table: 0x...". */
export function tostring(L: LuaThread, v: LuaValue): string {
  const mt = getMetatable(L.state, v);
  if (mt !== undefined) {
    const tm = mt.getStr('__tostring');
    if (tm !== undefined) {
      const r = call1(L, tm, [v]);
      if (typeof r === 'string') return r;
      if (isNumber(r)) return numberToString(r);
      throw new LuaException(L.where(1) + "'__tostring' must return a string");
    }
  }
  switch (typeof v) {
    case 'undefined': return 'nil';
    case 'boolean': return v ? 'true' : 'false';
    case 'string': return v;
    case 'number': case 'bigint': return numberToString(v);
  }
  if (v instanceof LuaFloat) return numberToString(v);
  const name = mt?.getStr('__name');
  // "%s" of __name stops at its first "\0" in the reference
  const kind = typeof name === 'string' ? (name.indexOf('\0') < 0 ? name : name.slice(0, name.indexOf('\0'))) : typeName(v);
  return `${kind}: ${addressOf(v as object)}`;
}

export { objtypename };
