// Hot built-ins run inline by CALL, without a native call (CallInfo push, argument checks,
// result moves): `s:byte(i)` and `s:sub(i, j)` in string scanners, `math.floor`, `math.sqrt`
// and the other common math functions, `type`, `select`, `tostring`, `tonumber`,
// `table.insert(t, v)` and `table.remove(t [, pos])` (docs/performance.md, items 12 and 15). The callee is recognised by NativeFunction.builtin, which only the
// libraries' own functions carry, so a redefined `math.floor`, a replaced `math` table or a
// string metatable with another `__index` takes the normal call, while a local alias of the
// original stays fast. Only the common argument shapes are handled (numbers that need no
// conversion, plain tables without a metatable, int32 string positions); anything else, and
// every case that could raise an error, returns false and the real function runs. Each case
// computes exactly what the library function computes (the same libm functions, the same
// integer/float result types).
import { LuaTable } from '../runtime/table.js';
import { LuaFloat, MAX_FAST_INT, mkfloat, type LuaValue } from '../runtime/value.js';
import { NEG_NAN, numberToString, stringToNumber } from '../runtime/number.js';
import { crCos, crExp, crLog, crSin } from '../runtime/libm.js';
import {
  BUILTIN_ABS, BUILTIN_CEIL, BUILTIN_COS, BUILTIN_EXP, BUILTIN_FLOOR, BUILTIN_LOG, BUILTIN_MATHTYPE, BUILTIN_MAX,
  BUILTIN_MIN, BUILTIN_SELECT, BUILTIN_SIN, BUILTIN_SQRT, BUILTIN_STRBYTE, BUILTIN_STRSUB, BUILTIN_TINSERT,
  BUILTIN_TONUMBER, BUILTIN_TOSTRING, BUILTIN_TREMOVE, BUILTIN_TYPE,
} from './function.js';
import { typeName } from './ops.js';
import type { LuaThread } from './state.js';

/** The float value of a number argument that needs no conversion (not a bigint or string), else NaN with notNum set. */
let notNum = false;
function floatArg(v: LuaValue): number {
  if (typeof v === 'number') return v;
  if (v instanceof LuaFloat) return v.n;
  notNum = true;
  return NaN;
}

/**
 * Run builtin `kind` on the nargs arguments after stack[ra], storing `wanted` results from ra
 * (wanted < 0: all, L.top set after them) like a call would. Returns false (nothing written)
 * when the call must go the normal way.
 */
export function callBuiltinInline(L: LuaThread, stack: LuaValue[], kind: number, ra: number, nargs: number, wanted: number): boolean {
  let result: LuaValue;
  switch (kind) {
    case BUILTIN_STRBYTE: {
      // string.byte(s [, i]): one byte when 1 <= i <= #s (other cases return 0 or several values)
      const s = stack[ra + 1];
      if (typeof s !== 'string') return false;
      const len = s.length;
      if (nargs === 1) {
        if (len === 0) return false;
        result = s.charCodeAt(0);
      } else if (nargs === 2) {
        const i = stack[ra + 2];
        if (typeof i !== 'number' || (i | 0) !== i || i < 1 || i > len) return false;
        result = s.charCodeAt(i - 1);
      } else {
        return false;
      }
      break;
    }
    case BUILTIN_STRSUB: {
      // string.sub(s, i [, j]) with integer positions (str_sub's posrelatI/getendpos)
      const s = stack[ra + 1];
      if (typeof s !== 'string') return false;
      const len = s.length;
      if (nargs !== 2 && nargs !== 3) return false;
      const iv = stack[ra + 2];
      if (typeof iv !== 'number' || (iv | 0) !== iv) return false;
      let i = iv;
      let j = -1;
      if (nargs === 3) {
        const jv = stack[ra + 3];
        if (typeof jv !== 'number' || (jv | 0) !== jv) return false;
        j = jv;
      }
      if (i < 0) i = i < -len ? 1 : len + i + 1;
      else if (i === 0) i = 1;
      if (j > len) j = len;
      else if (j < 0) j = j < -len ? 0 : len + j + 1;
      result = i > j ? '' : i === 1 && j === len ? s : s.slice(i - 1, j);
      break;
    }
    case BUILTIN_FLOOR:
    case BUILTIN_CEIL: {
      // an integer stays; a float becomes an integer when it fits (never -0: 0); NaN, inf and
      // floats beyond 2^53 take the call
      if (nargs < 1) return false;
      const v = stack[ra + 1];
      let d: number;
      if (typeof v === 'number') {
        if (Number.isInteger(v)) {
          result = v;
          break;
        }
        d = v;
      } else if (v instanceof LuaFloat) {
        d = v.n;
      } else {
        return false;
      }
      d = kind === BUILTIN_FLOOR ? Math.floor(d) : Math.ceil(d);
      if (!(d >= -MAX_FAST_INT && d <= MAX_FAST_INT)) return false;
      result = d + 0;
      break;
    }
    case BUILTIN_ABS: {
      if (nargs < 1) return false;
      const v = stack[ra + 1];
      if (typeof v === 'number') result = Math.abs(v); // integers within 2^53 stay in range
      else if (v instanceof LuaFloat) result = new LuaFloat(Math.abs(v.n));
      else return false; // bigints (math.mininteger wraps), strings, errors
      break;
    }
    case BUILTIN_SQRT:
    case BUILTIN_SIN:
    case BUILTIN_COS:
    case BUILTIN_EXP:
    case BUILTIN_LOG: {
      if (nargs < 1 || (kind === BUILTIN_LOG && nargs !== 1)) return false;
      notNum = false;
      const x = floatArg(stack[ra + 1]);
      if (notNum) return false;
      let r: number;
      switch (kind) {
        case BUILTIN_SQRT: r = Math.sqrt(x); break;
        case BUILTIN_SIN: r = crSin(x); break;
        case BUILTIN_COS: r = crCos(x); break;
        case BUILTIN_EXP: r = crExp(x); break;
        default: r = crLog(x, NEG_NAN); break;
      }
      result = mkfloat(r);
      break;
    }
    case BUILTIN_MAX:
    case BUILTIN_MIN: {
      // two numbers that are JS numbers (integers and non-integral floats): JS comparison is
      // exact; the first argument wins ties and NaN comparisons, like the library's loop
      if (nargs !== 2) return false;
      const a = stack[ra + 1];
      const b = stack[ra + 2];
      if (typeof a !== 'number' || typeof b !== 'number') return false;
      result = kind === BUILTIN_MAX ? (a < b ? b : a) : (b < a ? b : a);
      break;
    }
    case BUILTIN_MATHTYPE: {
      if (nargs < 1) return false;
      const v = stack[ra + 1];
      if (typeof v === 'number') result = Number.isInteger(v) ? 'integer' : 'float';
      else if (v instanceof LuaFloat) result = 'float';
      else if (typeof v === 'bigint') result = 'integer';
      else result = undefined;
      break;
    }
    case BUILTIN_TYPE:
      if (nargs < 1) return false;
      result = typeName(stack[ra + 1]);
      break;
    case BUILTIN_SELECT: {
      if (nargs < 1) return false;
      const a = stack[ra + 1];
      if (typeof a === 'string' && a.charCodeAt(0) === 35 /* # */) {
        result = nargs - 1;
        break;
      }
      if (typeof a !== 'number' || !Number.isInteger(a)) return false;
      let i = a;
      if (i < 0) i = nargs + i;
      else if (i > nargs) i = nargs;
      if (!(i >= 1)) return false; // 'index out of range'
      // the n arguments after the i-th of select's (stack[ra + 1 + i]...) move to ra
      const n = nargs - i;
      const src = ra + 1 + i;
      if (wanted < 0) {
        for (let j = 0; j < n; j++) stack[ra + j] = stack[src + j];
        L.top = ra + n;
      } else {
        for (let j = 0; j < wanted; j++) stack[ra + j] = j < n ? stack[src + j] : undefined;
      }
      return true;
    }
    case BUILTIN_TINSERT: {
      // table.insert(t, v) on a table without metatable: t[#t + 1] = v (the raw accesses give
      // what lua_seti and luaL_len give there)
      if (nargs !== 2) return false;
      const t = stack[ra + 1];
      if (!(t instanceof LuaTable) || t.metatable !== undefined) return false;
      const e = t.length();
      if (e >= MAX_FAST_INT) return false;
      t.setInt(e + 1, stack[ra + 2]);
      if (wanted < 0) L.top = ra;
      else for (let r = 0; r < wanted; r++) stack[ra + r] = undefined;
      return true;
    }
    case BUILTIN_TREMOVE: {
      // table.remove(t [, pos]) on a table without metatable, pos in [1, #t + 1] and at most
      // 1024 elements to move (longer moves tick the host limits in the library)
      if (nargs !== 1 && nargs !== 2) return false;
      const t = stack[ra + 1];
      if (!(t instanceof LuaTable) || t.metatable !== undefined) return false;
      const size = t.length();
      let pos = size;
      if (nargs === 2) {
        const p = stack[ra + 2];
        if (typeof p !== 'number' || !Number.isInteger(p)) return false;
        if (p !== size && (p < 1 || p > size + 1)) return false; // 'position out of bounds'
        pos = p;
      }
      if (size - pos > 1024) return false;
      result = t.getInt(pos);
      for (; pos < size; pos++) t.setInt(pos, t.getInt(pos + 1));
      t.setInt(pos, undefined);
      break;
    }
    case BUILTIN_TOSTRING: {
      // numbers and strings while their metatable (debug.setmetatable, the string library's)
      // has no __tostring: what luaL_tolstring gives
      if (nargs < 1) return false;
      const v = stack[ra + 1];
      if (typeof v === 'string') {
        const mt = L.state.stringMeta;
        if (mt !== undefined && mt.getStr('__tostring') !== undefined) return false;
        result = v;
      } else if (typeof v === 'number' || v instanceof LuaFloat || typeof v === 'bigint') {
        if (L.state.numberMeta !== undefined) return false;
        result = numberToString(v);
      } else {
        return false;
      }
      break;
    }
    case BUILTIN_TONUMBER: {
      // tonumber(v) without a base: numbers stay, strings convert (nil when they do not)
      if (nargs !== 1) return false;
      const v = stack[ra + 1];
      if (typeof v === 'number' || v instanceof LuaFloat || typeof v === 'bigint') result = v;
      else if (typeof v === 'string') result = stringToNumber(v);
      else if (v === undefined) return false; // tonumber(nil): the library's checks
      else result = undefined;
      break;
    }
    default:
      return false;
  }
  stack[ra] = result;
  if (wanted < 0) L.top = ra + 1;
  else for (let r = 1; r < wanted; r++) stack[ra + r] = undefined;
  return true;
}
