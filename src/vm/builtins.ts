// Hot built-ins run inline by CALL, without a native call (CallInfo push, argument checks,
// result moves): `s:byte(i)` and `s:sub(i, j)` in string scanners. The callee is recognised by
// NativeFunction.builtin, which only the string library's own functions carry, so a redefined
// `string.byte` or a string metatable with another `__index` takes the normal call. Only the
// common argument shapes are handled (a string and int32 positions); anything else, and every
// case that could raise an error, returns false and the real function runs.
import type { LuaValue } from '../runtime/value.js';
import { BUILTIN_STRBYTE, BUILTIN_STRSUB } from './function.js';
import type { LuaThread } from './state.js';

/**
 * Run builtin `kind` on the nargs arguments after stack[ra], storing `wanted` results from ra
 * (wanted < 0: all, L.top set after them) like a call would. Returns false (nothing written)
 * when the call must go the normal way.
 */
export function callBuiltinInline(L: LuaThread, stack: LuaValue[], kind: number, ra: number, nargs: number, wanted: number): boolean {
  const s = stack[ra + 1];
  if (typeof s !== 'string') return false;
  const len = s.length;
  let result: LuaValue;
  if (kind === BUILTIN_STRBYTE) {
    // string.byte(s [, i]): one byte when 1 <= i <= #s (other cases return 0 or several values)
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
  } else if (kind === BUILTIN_STRSUB) {
    // string.sub(s, i [, j]) with integer positions (str_sub's posrelatI/getendpos)
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
  } else {
    return false;
  }
  stack[ra] = result;
  if (wanted < 0) L.top = ra + 1;
  else for (let r = 1; r < wanted; r++) stack[ra + r] = undefined;
  return true;
}
