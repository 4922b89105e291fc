// The math library (manual §6.7), as lmathlib.c of the reference lua5.4 (5.4.4, built with
// LUA_COMPAT_MATHLIB like Debian's: atan2 cosh sinh tanh pow frexp ldexp log10 are present).
//
// math.random is Lua 5.4's xoshiro256** bit for bit: same seeding (randomseed(n) gives the same
// sequence as the reference), same float generation and the same rejection sampling ('project').
// The generator state is kept as eight 32-bit words so the hot path never touches BigInt.

import { LuaFloat, mkfloat, type LuaValue } from '../runtime/value.js';
import {
  isInteger, isNumber, toInteger, i64Unm, i64Rem, i64Ult, i64Add, i64Sub, i64Hi, i64Lo,
  i64FromWords, intAdd, floatToInteger, numLessThan, powNaN, NEG_NAN, MAXINTEGER, MININTEGER, type LuaInteger,
} from '../runtime/number.js';
import {
  BUILTIN_ABS, BUILTIN_CEIL, BUILTIN_COS, BUILTIN_EXP, BUILTIN_FLOOR, BUILTIN_LOG, BUILTIN_MATHTYPE, BUILTIN_MAX,
  BUILTIN_MIN, BUILTIN_SIN, BUILTIN_SQRT, NativeFunction, type NativeFn,
} from '../vm/function.js';
import { crAcos, crAsin, crAtan2, crCos, crExp, crLog, crLog10, crLog2, crPow, crSin, crTan, glibcCosh, glibcSinh } from '../runtime/libm.js';
import type { LuaState } from '../vm/state.js';
import { lessThan } from '../vm/ops.js';
import {
  arg, argError, checkAny, checkFloat, checkInteger, luaError, newLib, optInteger, registerLib,
} from './aux.js';

// ---- helpers -----------------------------------------------------------------------------------

/** lua_Number -> integer if it fits (lua_numbertointeger), else the float (pushnumint). */
function numint(d: number): LuaValue {
  const n = floatToInteger(d, 'exact');
  return n !== undefined ? n : mkfloat(d);
}

/** C log/log2 on a double (correctly rounded like glibc's): -nan for negative arguments. */
function clog(x: number): number {
  return crLog(x, NEG_NAN);
}
function clog2(x: number): number {
  return crLog2(x, NEG_NAN);
}
function clog10(x: number): number {
  if (x !== x) return x;
  if (x < 0) return Math.log10(x); // glibc's log10 of a negative number is +nan, like V8's
  return crLog10(x);
}

const P2_1023 = 2 ** 1023;
const P2_M969 = 2 ** -969;

/** C ldexp / scalbn (musl's algorithm: exact, a single rounding in the subnormal range). */
export function ldexp(x: number, n: number): number {
  if (n > 1023) {
    x *= P2_1023;
    n -= 1023;
    if (n > 1023) {
      x *= P2_1023;
      n -= 1023;
      if (n > 1023) n = 1023;
    }
  } else if (n < -1022) {
    x *= P2_M969; // 2^-1022 * 2^53
    n += 969;
    if (n < -1022) {
      x *= P2_M969;
      n += 969;
      if (n < -1022) n = -1022;
    }
  }
  return x * pow2(n);
}

const pbuf = new Float64Array(1);
const pw = new Uint32Array(pbuf.buffer);
/** 2^n for -1022 <= n <= 1023, built from its bits. */
function pow2(n: number): number {
  pw[0] = 0;
  pw[1] = (n + 1023) << 20;
  return pbuf[0];
}

/** C frexp: [m, e] with x = m * 2^e, 0.5 <= |m| < 1 (x itself and 0 for 0, inf, nan). */
export function frexp(x: number): [number, number] {
  if (x === 0 || x !== x || x === Infinity || x === -Infinity) return [x, 0];
  pbuf[0] = x;
  let be = (pw[1] >>> 20) & 0x7ff;
  let adj = 0;
  if (be === 0) {
    pbuf[0] = x * 18446744073709551616; // 2^64: normalise a subnormal
    be = (pw[1] >>> 20) & 0x7ff;
    adj = -64;
  }
  const e = be - 1022;
  pw[1] = (pw[1] & 0x800fffff) | (1022 << 20);
  return [pbuf[0], e + adj];
}

// ---- xoshiro256** ------------------------------------------------------------------------------

/** The generator state (RanState): four 64-bit words as (hi, lo) uint32 pairs. */
export class Xoshiro256 {
  private s = new Int32Array(8); // s[2i] = high word of state[i], s[2i+1] = low word
  /** Last output of next(), high and low words (uint32). */
  rh = 0;
  rl = 0;

  /** Advance; the 64-bit output goes to rh/rl. */
  next(): void {
    const s = this.s;
    const s0h = s[0], s0l = s[1], s1h = s[2], s1l = s[3];
    // res = rotl(s1 * 5, 7) * 9
    let l = (s1l << 2) >>> 0;
    let h = ((s1h << 2) | (s1l >>> 30)) >>> 0;
    let sum = l + (s1l >>> 0);
    const ml = sum >>> 0;
    const mh = (h + (s1h >>> 0) + (sum > 0xffffffff ? 1 : 0)) >>> 0;
    const qh = ((mh << 7) | (ml >>> 25)) >>> 0;
    const ql = ((ml << 7) | (mh >>> 25)) >>> 0;
    l = (ql << 3) >>> 0;
    h = ((qh << 3) | (ql >>> 29)) >>> 0;
    sum = l + ql;
    this.rl = sum >>> 0;
    this.rh = (h + qh + (sum > 0xffffffff ? 1 : 0)) >>> 0;
    // state update
    const th = (s1h << 17) | (s1l >>> 15);
    const tl = s1l << 17;
    const s2h = s[4] ^ s0h, s2l = s[5] ^ s0l; // state2 = state[2] ^ state0
    const s3h = s[6] ^ s1h, s3l = s[7] ^ s1l; // state3 = state[3] ^ state1
    s[0] = s0h ^ s3h; // state[0] = state0 ^ state3
    s[1] = s0l ^ s3l;
    s[2] = s1h ^ s2h; // state[1] = state1 ^ state2
    s[3] = s1l ^ s2l;
    s[4] = s2h ^ th; // state[2] = state2 ^ (state1 << 17)
    s[5] = s2l ^ tl;
    s[6] = (s3l << 13) | (s3h >>> 19); // state[3] = rotl(state3, 45)
    s[7] = (s3h << 13) | (s3l >>> 19);
  }

  /** setseed: state = {n1, 0xff, n2, 0}, then discard 16 values. */
  seed(n1: LuaInteger, n2: LuaInteger): void {
    const s = this.s;
    s[0] = i64Hi(n1);
    s[1] = i64Lo(n1);
    s[2] = 0;
    s[3] = 0xff;
    s[4] = i64Hi(n2);
    s[5] = i64Lo(n2);
    s[6] = 0;
    s[7] = 0;
    for (let i = 0; i < 16; i++) this.next();
  }

  /** Float in [0, 1) from the last output: (rv >> 11) * 2^-53. */
  float(): number {
    return (this.rh * 2097152 + (this.rl >>> 11)) * 1.1102230246251565e-16;
  }

  /** The last output as a Lua integer. */
  integer(): LuaInteger {
    return i64FromWords(this.rh, this.rl);
  }

  /**
   * 'project' of the reference: a uniform value in [0, n] (n unsigned 64-bit given as words)
   * from the last output, by masking with the smallest 2^b-1 >= n and rejection sampling.
   * Returns the value's words in rh/rl.
   */
  project(nh: number, nl: number): void {
    if (nh === 0) {
      this.rh = 0;
      if ((nl & (nl + 1)) === 0) {
        this.rl = (this.rl & nl) >>> 0;
        return;
      }
      let lim = nl;
      lim |= lim >>> 1;
      lim |= lim >>> 2;
      lim |= lim >>> 4;
      lim |= lim >>> 8;
      lim |= lim >>> 16;
      let r = (this.rl & lim) >>> 0;
      while (r > nl) {
        this.next();
        r = (this.rl & lim) >>> 0;
      }
      this.rh = 0;
      this.rl = r;
      return;
    }
    if (nl === 0xffffffff && (nh & (nh + 1)) === 0) {
      this.rh = (this.rh & nh) >>> 0;
      return;
    }
    let lim = nh;
    lim |= lim >>> 1;
    lim |= lim >>> 2;
    lim |= lim >>> 4;
    lim |= lim >>> 8;
    lim |= lim >>> 16;
    lim >>>= 0;
    let h = (this.rh & lim) >>> 0;
    while (h > nh || (h === nh && this.rl > nl)) {
      this.next();
      h = (this.rh & lim) >>> 0;
    }
    this.rh = h;
  }
}

/** Seeds for randomseed() without arguments (the reference uses time(NULL) and an address). */
function randomSeeds(): [LuaInteger, LuaInteger] {
  const t = Math.floor(Date.now() / 1000);
  const r = Math.floor(Math.random() * 281474976710656); // 2^48
  return [t, r];
}

// ---- the library -------------------------------------------------------------------------------

function mathMinMax(isMax: boolean): NativeFn {
  return (L, base, nargs) => {
    if (nargs < 1) argError(L, 1, 'value expected');
    const s = L.stack;
    let best = s[base];
    for (let i = 1; i < nargs; i++) {
      const v = s[base + i];
      const a = isMax ? best : v;
      const b = isMax ? v : best;
      const lt = isNumber(a) && isNumber(b) ? numLessThan(a, b) : lessThan(L, a, b);
      if (lt) best = v;
    }
    s[base] = best;
    return 1;
  };
}

/** A float function of one number argument. */
function f1(fn: (x: number) => number): NativeFn {
  return (L, base, nargs) => {
    L.stack[base] = mkfloat(fn(checkFloat(L, base, nargs, 1)));
    return 1;
  };
}

/** Build the math library table for state S and register it as the global `math`. */
export function openMath(S: LuaState): void {
  const rng = new Xoshiro256();
  {
    const [a, b] = randomSeeds();
    rng.seed(a, b);
  }

  const lib = newLib({
    abs: (L, base, nargs) => {
      const v = arg(L, base, nargs, 1);
      if (isInteger(v)) {
        const n = v as LuaInteger;
        L.stack[base] = n < 0 ? i64Unm(n) : n;
      } else L.stack[base] = mkfloat(Math.abs(checkFloat(L, base, nargs, 1)));
      return 1;
    },
    ceil: (L, base, nargs) => {
      const v = arg(L, base, nargs, 1);
      L.stack[base] = isInteger(v) ? v : numint(Math.ceil(checkFloat(L, base, nargs, 1)));
      return 1;
    },
    floor: (L, base, nargs) => {
      const v = arg(L, base, nargs, 1);
      L.stack[base] = isInteger(v) ? v : numint(Math.floor(checkFloat(L, base, nargs, 1)));
      return 1;
    },
    fmod: (L, base, nargs) => {
      const a = arg(L, base, nargs, 1);
      const b = arg(L, base, nargs, 2);
      if (isInteger(a) && isInteger(b)) {
        const d = b as LuaInteger;
        if (d === 0 || d === -1) {
          if (d === 0) argError(L, 2, 'zero');
          L.stack[base] = 0; // avoids mininteger % -1 overflow in C
        } else L.stack[base] = i64Rem(a as LuaInteger, d);
      } else {
        // fmod(luaL_checknumber(L, 1), luaL_checknumber(L, 2)): gcc evaluates the arguments
        // right to left, so the reference checks argument 2 first.
        const y = checkFloat(L, base, nargs, 2);
        const x = checkFloat(L, base, nargs, 1);
        const m = x % y;
        L.stack[base] = mkfloat(m === m ? m : x !== x ? x : y !== y ? y : NEG_NAN);
      }
      return 1;
    },
    modf: (L, base, nargs) => {
      const v = arg(L, base, nargs, 1);
      if (isInteger(v)) {
        L.stack[base] = v;
        L.stack[base + 1] = new LuaFloat(0);
      } else {
        const n = checkFloat(L, base, nargs, 1);
        const ip = n < 0 ? Math.ceil(n) : Math.floor(n);
        L.stack[base] = numint(ip);
        L.stack[base + 1] = mkfloat(n === ip ? 0 : n - ip);
      }
      return 2;
    },
    sqrt: f1(Math.sqrt),
    sin: f1(crSin),
    cos: f1(crCos),
    tan: f1(crTan),
    asin: f1(crAsin), // NaNs propagate with their sign, as in glibc
    acos: f1(crAcos),
    atan2: undefined as unknown as NativeFn, // replaced below by the atan function itself
    atan: (L, base, nargs) => {
      const y = checkFloat(L, base, nargs, 1);
      const x = arg(L, base, nargs, 2) === undefined ? 1 : checkFloat(L, base, nargs, 2);
      L.stack[base] = mkfloat(crAtan2(y, x));
      return 1;
    },
    exp: f1(crExp),
    log: (L, base, nargs) => {
      const x = checkFloat(L, base, nargs, 1);
      let r: number;
      if (arg(L, base, nargs, 2) === undefined) r = clog(x);
      else {
        const b = checkFloat(L, base, nargs, 2);
        if (b === 2) r = clog2(x);
        else if (b === 10) r = clog10(x);
        else r = clog(x) / clog(b);
      }
      L.stack[base] = mkfloat(r);
      return 1;
    },
    deg: f1((x) => x * (180 / Math.PI)),
    rad: f1((x) => x * (Math.PI / 180)),
    tointeger: (L, base, nargs) => {
      const n = toInteger(arg(L, base, nargs, 1));
      if (n === undefined) checkAny(L, base, nargs, 1);
      L.stack[base] = n;
      return 1;
    },
    type: (L, base, nargs) => {
      const v = checkAny(L, base, nargs, 1);
      L.stack[base] = isNumber(v) ? (isInteger(v) ? 'integer' : 'float') : undefined;
      return 1;
    },
    ult: (L, base, nargs) => {
      const a = checkInteger(L, base, nargs, 1);
      const b = checkInteger(L, base, nargs, 2);
      L.stack[base] = i64Ult(a, b);
      return 1;
    },
    max: mathMinMax(true),
    min: mathMinMax(false),
    random: (L, base, nargs) => {
      rng.next(); // the reference draws before checking its arguments
      let low: LuaInteger;
      let up: LuaInteger;
      switch (nargs) {
        case 0:
          L.stack[base] = mkfloat(rng.float());
          return 1;
        case 1: {
          low = 1;
          const u = L.stack[base];
          up = typeof u === 'number' && Number.isInteger(u) ? u : checkInteger(L, base, nargs, 1);
          if (up === 0) {
            L.stack[base] = rng.integer();
            return 1;
          }
          break;
        }
        case 2: {
          const s = L.stack;
          const l = s[base];
          const u = s[base + 1];
          low = typeof l === 'number' && Number.isInteger(l) ? l : checkInteger(L, base, nargs, 1);
          up = typeof u === 'number' && Number.isInteger(u) ? u : checkInteger(L, base, nargs, 2);
          break;
        }
        default:
          return luaError(L, 'wrong number of arguments');
      }
      if (!(low <= up)) argError(L, 1, 'interval is empty');
      if (typeof low === 'number' && typeof up === 'number' && up - low <= 0xffffffff) {
        rng.project(0, up - low);
        L.stack[base] = intAdd(rng.rl, low);
      } else {
        const n = i64Sub(up, low); // up - low as unsigned 64 bits
        rng.project(i64Hi(n) >>> 0, i64Lo(n));
        L.stack[base] = i64Add(rng.integer(), low);
      }
      return 1;
    },
    randomseed: (L, base, nargs) => {
      let n1: LuaInteger;
      let n2: LuaInteger;
      if (nargs < 1) [n1, n2] = randomSeeds();
      else {
        n1 = checkInteger(L, base, nargs, 1);
        n2 = optInteger(L, base, nargs, 2, 0);
      }
      rng.seed(n1, n2);
      L.stack[base] = n1;
      L.stack[base + 1] = n2;
      return 2;
    },
    // LUA_COMPAT_MATHLIB functions (present in the reference build)
    cosh: f1(glibcCosh),
    sinh: f1(glibcSinh),
    tanh: f1(Math.tanh),
    pow: (L, base, nargs) => {
      const x = checkFloat(L, base, nargs, 1);
      const y = checkFloat(L, base, nargs, 2);
      const r = crPow(x, y);
      L.stack[base] = mkfloat(r === r ? r : powNaN(x, y));
      return 1;
    },
    frexp: (L, base, nargs) => {
      const [m, e] = frexp(checkFloat(L, base, nargs, 1));
      L.stack[base] = mkfloat(m);
      L.stack[base + 1] = e;
      return 2;
    },
    ldexp: (L, base, nargs) => {
      const x = checkFloat(L, base, nargs, 1);
      const e = checkInteger(L, base, nargs, 2);
      const ep = typeof e === 'number' ? e | 0 : Number(BigInt.asIntN(32, e)); // C: (int)
      L.stack[base] = mkfloat(ldexp(x, ep));
      return 1;
    },
    log10: f1(clog10),
  });
  // As in the reference, math.atan2 is the same function as math.atan (math.atan == math.atan2),
  // and its key comes first so that error messages name it 'math.atan2' like the reference.
  lib.setStr('atan2', lib.getStr('atan'));
  // CALL runs these inline for plain number arguments (vm/builtins.ts); their identity is the guard
  const builtins: [string, number][] = [
    ['floor', BUILTIN_FLOOR], ['ceil', BUILTIN_CEIL], ['abs', BUILTIN_ABS], ['sqrt', BUILTIN_SQRT],
    ['sin', BUILTIN_SIN], ['cos', BUILTIN_COS], ['exp', BUILTIN_EXP], ['log', BUILTIN_LOG],
    ['max', BUILTIN_MAX], ['min', BUILTIN_MIN], ['type', BUILTIN_MATHTYPE],
  ];
  for (const [name, kind] of builtins) (lib.getStr(name) as NativeFunction).builtin = kind;
  lib.setStr('pi', Math.PI);
  lib.setStr('huge', Infinity);
  lib.setStr('maxinteger', MAXINTEGER);
  lib.setStr('mininteger', MININTEGER);
  registerLib(S, 'math', lib);
}
