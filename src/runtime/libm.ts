// Correctly rounded elementary functions for the math library and the ^ operator. The reference
// lua5.4 uses glibc's libm, whose exp, log, pow, sin, cos, tan, atan, asin and acos return the
// correctly rounded result in practice (they differ from it in about 1 case in 1000);
// V8's Math.* (fdlibm ports) are often one unit in the last place away. Each function here
// evaluates the result in double-double arithmetic (about 100 significant bits) and rounds it
// once, which gives the correctly rounded double except in astronomically rare hard cases.
// Arguments where the double-double evaluation would need care (results near overflow or in
// the subnormal range, NaN and infinities) use the Math.* functions, whose results there are
// exact or agree with glibc.

// ---- double-double arithmetic --------------------------------------------------------------
// Results go to the registers H (high part) and L (low part) to avoid allocating pairs.

const R = new Float64Array(2); // R[0]: high part, R[1]: low part

const SPLITTER = 134217729; // 2^27 + 1

function twoSum(a: number, b: number): void {
  const s = a + b;
  const bb = s - a;
  R[1] = (a - (s - bb)) + (b - bb);
  R[0] = s;
}

function quickTwoSum(a: number, b: number): void {
  const s = a + b;
  R[1] = b - (s - a);
  R[0] = s;
}

function twoProd(a: number, b: number): void {
  const p = a * b;
  let t = SPLITTER * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLITTER * b;
  const bh = t - (t - b);
  const bl = b - bh;
  R[1] = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
  R[0] = p;
}

/** (ah, al) + (bh, bl) (the primitives are inlined: this is the hot path) */
function ddAdd(ah: number, al: number, bh: number, bl: number): void {
  // two-sum of the high and of the low parts
  const sh = ah + bh;
  const bb = sh - ah;
  let sl = (ah - (sh - bb)) + (bh - bb);
  const th = al + bl;
  const bb2 = th - al;
  const tl = (al - (th - bb2)) + (bl - bb2);
  sl += th;
  // quick two-sum, add the low error, quick two-sum again
  const uh = sh + sl;
  const ul = sl - (uh - sh) + tl;
  const vh = uh + ul;
  R[1] = ul - (vh - uh);
  R[0] = vh;
}

/** (ah, al) * (bh, bl) */
function ddMul(ah: number, al: number, bh: number, bl: number): void {
  const p = ah * bh;
  let t = SPLITTER * ah;
  const ahh = t - (t - ah);
  const ahl = ah - ahh;
  t = SPLITTER * bh;
  const bhh = t - (t - bh);
  const bhl = bh - bhh;
  const pl = (((ahh * bhh - p) + ahh * bhl + ahl * bhh) + ahl * bhl) + (ah * bl + al * bh);
  const h = p + pl;
  R[1] = pl - (h - p);
  R[0] = h;
}

/** (ah, al) / (bh, bl) */
function ddDiv(ah: number, al: number, bh: number, bl: number): void {
  const q1 = ah / bh;
  ddMul(q1, 0, bh, bl);
  ddAdd(ah, al, -R[0], -R[1]);
  const rh = R[0];
  const rl = R[1];
  const q2 = rh / bh;
  ddMul(q2, 0, bh, bl);
  ddAdd(rh, rl, -R[0], -R[1]);
  const q3 = R[0] / bh;
  quickTwoSum(q1, q2);
  ddAdd(R[0], R[1], q3, 0);
}

/** sqrt of (ah, al), ah > 0 */
function ddSqrt(ah: number, al: number): void {
  const s = Math.sqrt(ah);
  twoProd(s, s);
  const r = ((ah - R[0]) - R[1] + al) / (2 * s);
  quickTwoSum(s, r);
}

// constants in double-double
const LN2_H = 0.6931471805599453;
const LN2_L = 2.3190468138462996e-17;
const PI_H = 3.141592653589793;
const PI_L = 1.2246467991473532e-16;
const PIO2_H = 1.5707963267948966;
const PIO2_L = 6.123233995736766e-17;

/** 1/(2n+1) in double-double, for the atanh and atan series. */
const ODD_H: number[] = [];
const ODD_L: number[] = [];
for (let n = 0; n < 40; n++) {
  ddDiv(1, 0, 2 * n + 1, 0);
  ODD_H.push(R[0]);
  ODD_L.push(R[1]);
}
/** 1/n! in double-double, for the exp series. */
const FACT_H: number[] = [1];
const FACT_L: number[] = [0];
for (let n = 1; n < 34; n++) {
  ddDiv(FACT_H[n - 1], FACT_L[n - 1], n, 0);
  FACT_H.push(R[0]);
  FACT_L.push(R[1]);
}

const fbuf = new Float64Array(1);
const wbuf = new Uint32Array(fbuf.buffer); // little-endian: wbuf[1] is the high word

/** 2^k for -1022 <= k <= 1023. */
function pow2(k: number): number {
  wbuf[0] = 0;
  wbuf[1] = (k + 1023) << 20;
  return fbuf[0];
}

// ---- log -------------------------------------------------------------------------------------

/** The mantissa splitLog leaves: x = 2^k * splitM with splitM in [sqrt(1/2), sqrt(2)). */
let splitM = 1;
/** Split a finite x > 0 for the log: returns k and sets splitM (x = 2^k * splitM). */
function splitLog(x: number): number {
  let k = 0;
  if (x < 2.2250738585072014e-308) { // subnormal: scale into the normal range
    x *= 18014398509481984; // 2^54
    k = -54;
  }
  fbuf[0] = x;
  const hi = wbuf[1];
  k += ((hi >>> 20) & 0x7ff) - 1023;
  wbuf[1] = (hi & 0x000fffff) | 0x3ff00000; // m in [1, 2)
  let m = fbuf[0];
  if (m > Math.SQRT2) { // m in [sqrt(1/2), sqrt(2))
    m /= 2;
    k++;
  }
  splitM = m;
  return k;
}

/** log(x) in double-double for a finite x > 0 (into R[0], R[1]), by a long series (table setup). */
function logDDSeries(x: number): void {
  const k = splitLog(x);
  const m = splitM;
  // log(m) = 2 atanh(f) with f = (m - 1) / (m + 1), |f| <= 0.1716
  twoSum(m, 1);
  ddDiv(m - 1, 0, R[0], R[1]); // m - 1 is exact (Sterbenz)
  const fh = R[0];
  const fl = R[1];
  ddMul(fh, fl, fh, fl);
  const sh = R[0];
  const sl = R[1];
  // Horner: sum_{n} s^n / (2n+1)
  // terms from s^9 on are below 2^-46 of the sum: plain doubles are exact enough for them
  let tail = ODD_H[22];
  for (let n = 21; n >= 9; n--) tail = tail * sh + ODD_H[n];
  ddMul(tail, 0, sh, sl);
  ddAdd(R[0], R[1], ODD_H[8], ODD_L[8]);
  let ph = R[0];
  let pl = R[1];
  for (let n = 7; n >= 0; n--) {
    ddMul(ph, pl, sh, sl);
    ddAdd(R[0], R[1], ODD_H[n], ODD_L[n]);
    ph = R[0];
    pl = R[1];
  }
  ddMul(ph, pl, 2 * fh, 2 * fl); // 2 f * sum
  const rh = R[0];
  const rl = R[1];
  if (k === 0) {
    R[0] = rh;
    R[1] = rl;
    return;
  }
  ddMul(k, 0, LN2_H, LN2_L);
  ddAdd(R[0], R[1], rh, rl);
}


// log(j/128) for j = 90..182 (the reduced argument m is within 1/256 of one of them)
const LOGT_H = new Float64Array(183);
const LOGT_L = new Float64Array(183);
// (filled by fillTables on first use)

/**
 * log(x) in double-double for a finite x > 0 (into R[0], R[1]): x = 2^k m, m within 1/256 of
 * c = j/128, log(m) = log(c) + 2 atanh(f) with f = (m - c) / (m + c), |f| < 0.002.
 */
function logDD(x: number): void {
  if (!tablesFilled) fillTables();
  const k = splitLog(x);
  const m = splitM;
  const j = Math.round(m * 128);
  const c = j / 128;
  twoSum(m, c);
  ddDiv(m - c, 0, R[0], R[1]); // m - c is exact (Sterbenz)
  const fh = R[0];
  const fl = R[1];
  ddMul(fh, fl, fh, fl);
  const sh = R[0];
  const sl = R[1];
  // sum_{n} s^n / (2n+1) with s < 4e-6: from s^3 on plain doubles suffice
  let tail = ODD_H[8];
  for (let n = 7; n >= 3; n--) tail = tail * sh + ODD_H[n];
  ddMul(tail, 0, sh, sl);
  ddAdd(R[0], R[1], ODD_H[2], ODD_L[2]);
  ddMul(R[0], R[1], sh, sl);
  ddAdd(R[0], R[1], ODD_H[1], ODD_L[1]);
  ddMul(R[0], R[1], sh, sl);
  ddAdd(R[0], R[1], 1, 0);
  ddMul(R[0], R[1], 2 * fh, 2 * fl); // 2 f * sum = log(m / c)
  if (j !== 128) ddAdd(R[0], R[1], LOGT_H[j], LOGT_L[j]);
  if (k === 0) return;
  const rh = R[0];
  const rl = R[1];
  ddMul(k, 0, LN2_H, LN2_L);
  ddAdd(R[0], R[1], rh, rl);
}

/** C log (glibc): correctly rounded; -nan for negative arguments. */
export function crLog(x: number, negNaN: number): number {
  if (x !== x) return x;
  if (x < 0) return negNaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  if (x === 1) return 0;
  logFast(x);
  const s = fastS;
  const t = fastT;
  const e = Math.abs(s) * ZIV_LOG;
  const y = s + t;
  if (s + (t - e) === y && s + (t + e) === y) return y;
  logDD(x);
  return R[0] + R[1];
}

/** crLog by the double-double path only (the fast path's fallback; tests compare the two). */
export function crLogSlow(x: number, negNaN: number): number {
  if (x !== x) return x;
  if (x < 0) return negNaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  if (x === 1) return 0;
  logDD(x);
  return R[0] + R[1];
}

/** C log2: correctly rounded. */
export function crLog2(x: number, negNaN: number): number {
  if (x !== x) return x;
  if (x < 0) return negNaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  fbuf[0] = x;
  if (wbuf[0] === 0 && (wbuf[1] & 0x000fffff) === 0 && x >= 2.2250738585072014e-308) {
    return ((wbuf[1] >>> 20) & 0x7ff) - 1023; // exact powers of two
  }
  // fast path: the fast log (error below 2^-67) divided by ln 2 in double-double (2^-100)
  logFast(x);
  const lh = fastS + fastT;
  ddDiv(lh, fastT - (lh - fastS), LN2_H, LN2_L);
  const s = R[0];
  const t = R[1];
  const e = Math.abs(s) * ZIV_LOG;
  const y = s + t;
  if (s + (t - e) === y && s + (t + e) === y) return y;
  return crLog2Slow(x, negNaN);
}

/** crLog2 by the double-double path only (the fast path's fallback; tests compare the two). */
export function crLog2Slow(x: number, negNaN: number): number {
  if (x !== x) return x;
  if (x < 0) return negNaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  fbuf[0] = x;
  if (wbuf[0] === 0 && (wbuf[1] & 0x000fffff) === 0 && x >= 2.2250738585072014e-308) {
    return ((wbuf[1] >>> 20) & 0x7ff) - 1023;
  }
  logDD(x);
  ddDiv(R[0], R[1], LN2_H, LN2_L);
  return R[0] + R[1];
}

// glibc's __ieee754_log10 (e_log10.c): y*log10_2lo + ivln10*log(x') + y*log10_2hi, with its
// own log as the inner function
const TWO54 = 18014398509481984;
const IVLN10 = 4.34294481903251816668e-01;
const LOG10_2HI = 3.01029995663611771306e-01;
const LOG10_2LO = 3.69423907715893078616e-13;

/** C log10, as glibc computes it. */
export function crLog10(x: number): number {
  fbuf[0] = x;
  let hx = wbuf[1] | 0;
  const lx = wbuf[0];
  let k = 0;
  if (hx < 0x00100000) { // x < 2**-1022
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log(+-0) = -inf
    if (hx < 0) return (x - x) / (x - x); // log(-#) = NaN
    k -= 54;
    x *= TWO54; // scale up subnormal x
    fbuf[0] = x;
    hx = wbuf[1] | 0;
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  const i = (k & 0x80000000) >>> 31;
  hx = (hx & 0x000fffff) | ((0x3ff - i) << 20);
  const y = k + i;
  wbuf[1] = hx;
  const xr = fbuf[0];
  const z = y * LOG10_2LO + IVLN10 * crLog(xr, NaN);
  return z + y * LOG10_2HI;
}

// ---- exp -------------------------------------------------------------------------------------

/**
 * exp of the double-double (th, tl), -708 < th < 709, into R[0], R[1]: th = k ln2 + r, expm1(r / 2^4)
 * by its series, then doubled back four times with expm1(2t) = e (2 + e).
 */
function expDDSeries(th: number, tl: number): void {
  const k = Math.round(th / LN2_H);
  ddMul(k, 0, LN2_H, LN2_L);
  ddAdd(th, tl, -R[0], -R[1]);
  let rh = R[0] / 16;
  let rl = R[1] / 16;
  // |r'| <= 0.0217: terms from r'^7/8! on are below 2^-51, plain doubles suffice for them
  let tail = FACT_H[15];
  for (let n = 14; n >= 8; n--) tail = tail * rh + FACT_H[n];
  ddMul(tail, 0, rh, rl);
  ddAdd(R[0], R[1], FACT_H[7], FACT_L[7]);
  let ph = R[0];
  let pl = R[1];
  for (let n = 6; n >= 1; n--) {
    ddMul(ph, pl, rh, rl);
    ddAdd(R[0], R[1], FACT_H[n], FACT_L[n]);
    ph = R[0];
    pl = R[1];
  }
  ddMul(ph, pl, rh, rl); // e = expm1(r') = r' (1 + r'/2 + ...)
  rh = R[0];
  rl = R[1];
  for (let i = 0; i < 4; i++) {
    twoSum(2, rh);
    ddMul(rh, rl, R[0], R[1] + rl);
    rh = R[0];
    rl = R[1];
  }
  ddAdd(1, 0, rh, rl);
  const scale = pow2(k);
  R[0] *= scale;
  R[1] *= scale;
}


// 2^(j/64) for j = 0..63
const EXPT_H = new Float64Array(64);
const EXPT_L = new Float64Array(64);
// (filled by fillTables on first use)
const LN2_64_H = LN2_H / 64;
const LN2_64_L = LN2_L / 64;
const INV_LN2_64 = 64 / LN2_H;
// Dekker splits (26 + 27 bits) of LN2_64_H and LN2_H, for exact products with small integers
const LN2_64_HH = SPLITTER * LN2_64_H - (SPLITTER * LN2_64_H - LN2_64_H);
const LN2_64_HL = LN2_64_H - LN2_64_HH;
const LN2_HH = SPLITTER * LN2_H - (SPLITTER * LN2_H - LN2_H);
const LN2_HL = LN2_H - LN2_HH;

/**
 * exp of the double-double (th, tl), -708 < th < 709, into R[0], R[1]: th = (64k + j) ln2/64 + r
 * with |r| <= ln2/128, exp(th) = 2^k 2^(j/64) (1 + expm1(r)).
 */
function expDD(th: number, tl: number): void {
  if (!tablesFilled) fillTables();
  const n = Math.round(th * INV_LN2_64);
  const j = n & 63;
  const k = (n - j) / 64;
  ddMul(n, 0, LN2_64_H, LN2_64_L);
  ddAdd(th, tl, -R[0], -R[1]);
  const rh = R[0];
  const rl = R[1];
  // expm1(r) = r (1 + r/2! + r^2/3! ...): from r^5/6! on plain doubles suffice
  let tail = FACT_H[10];
  for (let i = 9; i >= 6; i--) tail = tail * rh + FACT_H[i];
  ddMul(tail, 0, rh, rl);
  let ph = R[0];
  let pl = R[1];
  for (let i = 5; i >= 1; i--) {
    ddAdd(ph, pl, FACT_H[i], FACT_L[i]);
    ddMul(R[0], R[1], rh, rl);
    ph = R[0];
    pl = R[1];
  }
  // now (ph, pl) = expm1(r); result = T + T expm1(r)
  ddMul(EXPT_H[j], EXPT_L[j], ph, pl);
  ddAdd(EXPT_H[j], EXPT_L[j], R[0], R[1]);
  // round before scaling: near the bottom of the range the low part scaled alone would
  // become subnormal and lose bits (the result itself is normal, so scaling it is exact)
  R[0] = (R[0] + R[1]) * pow2(k);
  R[1] = 0;
}

/** C exp (glibc): correctly rounded. */
export function crExp(x: number): number {
  if (!(x > -708 && x < 709)) return Math.exp(x); // NaN, infinities, overflow, subnormal results
  if (x === 0) return 1;
  const y = expFast(x, 0, ZIV_EXP);
  return y === y ? y : crExpSlow(x);
}

/** crExp by the double-double path only (the fast path's fallback; tests compare the two). */
export function crExpSlow(x: number): number {
  if (!(x > -708 && x < 709)) return Math.exp(x);
  if (x === 0) return 1;
  expDD(x, 0);
  return R[0] + R[1];
}

/**
 * C pow (glibc) for the cases where it is not NaN: correctly rounded. Returns NaN where C's
 * result is a NaN (the caller gives it C's sign).
 */
export function crPow(x: number, y: number): number {
  if (x !== x || y !== y || !Number.isFinite(x) || !Number.isFinite(y) || x === 0 || y === 0 || x === 1) {
    return Math.pow(x, y); // C99 Annex F special cases, which V8 follows
  }
  let ax = x;
  let negate = false;
  if (x < 0) {
    if (!Number.isInteger(y)) return NaN;
    ax = -x;
    negate = Math.abs(y) < 9007199254740992 && y % 2 !== 0; // odd integer exponent
  }
  if (y === 1) return x;
  if (y === -1) return 1 / x;
  if (y === 0.5 && x > 0) return Math.sqrt(x); // both the correctly rounded square root
  if (Number.isInteger(y) && y >= -64 && y <= 64) {
    const r = powIntFast(ax, y);
    if (r === r) return negate ? -r : r;
  }
  // fast path: log(ax) = s + t within |s| 2^-64 (see logFast), times y in double-double
  logFast(ax);
  const lh = fastS + fastT;
  const ll = fastT - (lh - fastS); // (lh, ll) = s + t exactly
  twoProd(y, lh);
  const th = R[0];
  const tl = R[1] + y * ll;
  if (th > -708 && th < 709) {
    // error of th + tl: |y| |s| 2^-64 (the log) + |th| 2^-100 (the products); exp's own is ZIV_EXP
    const r = expFast(th, tl, ZIV_EXP + Math.abs(th) * 1.0842021724855044e-19); // 2^-63
    if (r === r) return negate ? -r : r;
  }
  return crPowSlow(x, y);
}

/** crPow by the double-double path only (the fast path's fallback; tests compare the two). */
export function crPowSlow(x: number, y: number): number {
  if (x !== x || y !== y || !Number.isFinite(x) || !Number.isFinite(y) || x === 0 || y === 0 || x === 1) {
    return Math.pow(x, y); // C99 Annex F special cases, which V8 follows
  }
  let ax = x;
  let negate = false;
  if (x < 0) {
    if (!Number.isInteger(y)) return NaN;
    ax = -x;
    negate = Math.abs(y) < 9007199254740992 && y % 2 !== 0; // odd integer exponent
  }
  if (y === 1) return x;
  if (y === -1) return 1 / x;
  logDD(ax);
  ddMul(y, 0, R[0], R[1]);
  if (!(R[0] > -708 && R[0] < 709)) return Math.pow(x, y); // overflow, underflow, subnormal results
  expDD(R[0], R[1]);
  const r = R[0] + R[1];
  return negate ? -r : r;
}

// ---- sin, cos, tan ---------------------------------------------------------------------------

// pi/2 = P1 + P2 + P3 to about 2^-164
const P1 = 1.5707963267948966;
const P2 = 6.123233995736766e-17;
const P3 = -1.4973849048591698e-33;
const TWO_OVER_PI = 0.6366197723675814;

let quadrant = 0;

/** x = k pi/2 + r with |r| <= pi/4 + tiny, for |x| < 2^20: r into R[0], R[1] and k mod 4 into quadrant. */
function reduce(x: number): void {
  const k = Math.round(x * TWO_OVER_PI);
  quadrant = k & 3;
  twoProd(k, P1);
  ddAdd(x, 0, -R[0], -R[1]);
  const ah = R[0];
  const al = R[1];
  twoProd(k, P2);
  ddAdd(ah, al, -R[0], -R[1]);
  ddAdd(R[0], R[1], -k * P3, 0);
}

let sinH = 0;
let sinL = 0;
let cosH = 0;
let cosL = 0;

/** sin and cos of (rh, rl), |r| <= 1, into sinH/sinL and cosH/cosL, by long series (table setup). */
function sinCosDDSeries(rh: number, rl: number): void {
  ddMul(rh, rl, rh, rl);
  const sh = -R[0];
  const sl = -R[1];
  // sin(r) = r (1 - r^2/3! + r^4/5! ...)
  // terms from r^17/17! on are below 2^-54: plain doubles suffice for them
  let tail = FACT_H[31];
  for (let n = 29; n >= 17; n -= 2) tail = tail * sh + FACT_H[n];
  ddMul(tail, 0, sh, sl);
  ddAdd(R[0], R[1], FACT_H[15], FACT_L[15]);
  let ph = R[0];
  let pl = R[1];
  for (let n = 13; n >= 1; n -= 2) {
    ddMul(ph, pl, sh, sl);
    ddAdd(R[0], R[1], FACT_H[n], FACT_L[n]);
    ph = R[0];
    pl = R[1];
  }
  ddMul(ph, pl, rh, rl);
  sinH = R[0];
  sinL = R[1];
  // cos(r) = 1 - r^2/2! + r^4/4! ...
  tail = FACT_H[32];
  for (let n = 30; n >= 18; n -= 2) tail = tail * sh + FACT_H[n];
  ddMul(tail, 0, sh, sl);
  ddAdd(R[0], R[1], FACT_H[16], FACT_L[16]);
  ph = R[0];
  pl = R[1];
  for (let n = 14; n >= 0; n -= 2) {
    ddMul(ph, pl, sh, sl);
    ddAdd(R[0], R[1], FACT_H[n], FACT_L[n]);
    ph = R[0];
    pl = R[1];
  }
  cosH = ph;
  cosL = pl;
}


// sin(j/64) and cos(j/64) for j = 0..51 (|r| <= pi/4 + tiny rounds to one of them)
const SINT_H = new Float64Array(52);
const SINT_L = new Float64Array(52);
const COST_H = new Float64Array(52);
const COST_L = new Float64Array(52);
// (filled by fillTables on first use)

/**
 * sin and cos of (rh, rl), |r| <= pi/4 + tiny, into sinH/sinL and cosH/cosL: with c = j/64 the
 * nearest grid point and u = r - c (|u| <= 1/128), sin r = sin c cos u + cos c sin u and
 * cos r = cos c cos u - sin c sin u.
 */
function sinCosDD(rh: number, rl: number): void {
  if (!tablesFilled) fillTables();
  const j = Math.round(rh * 64);
  const aj = j < 0 ? -j : j;
  ddAdd(rh, rl, -j / 64, 0);
  const uh = R[0];
  const ul = R[1];
  ddMul(uh, ul, uh, ul);
  const sh = -R[0];
  const sl = -R[1];
  // sin u = u (1 - u^2/3! + u^4/5! ...), cos u = 1 - u^2/2! + u^4/4! ...; u^2 < 6.2e-5, so
  // from the u^6 terms on plain doubles suffice
  let tail = (FACT_H[11] * sh + FACT_H[9]) * sh + FACT_H[7];
  ddMul(tail, 0, sh, sl);
  ddAdd(R[0], R[1], FACT_H[5], FACT_L[5]);
  ddMul(R[0], R[1], sh, sl);
  ddAdd(R[0], R[1], FACT_H[3], FACT_L[3]);
  ddMul(R[0], R[1], sh, sl);
  ddAdd(R[0], R[1], 1, 0);
  ddMul(R[0], R[1], uh, ul);
  const suh = R[0];
  const sul = R[1];
  tail = (FACT_H[10] * sh + FACT_H[8]) * sh + FACT_H[6];
  ddMul(tail, 0, sh, sl);
  ddAdd(R[0], R[1], FACT_H[4], FACT_L[4]);
  ddMul(R[0], R[1], sh, sl);
  ddAdd(R[0], R[1], FACT_H[2], FACT_L[2]);
  ddMul(R[0], R[1], sh, sl);
  ddAdd(R[0], R[1], 1, 0);
  const cuh = R[0];
  const cul = R[1];
  if (aj === 0) {
    sinH = suh;
    sinL = sul;
    cosH = cuh;
    cosL = cul;
    return;
  }
  const sch = j < 0 ? -SINT_H[aj] : SINT_H[aj];
  const scl = j < 0 ? -SINT_L[aj] : SINT_L[aj];
  const cch = COST_H[aj];
  const ccl = COST_L[aj];
  ddMul(sch, scl, cuh, cul);
  const ah = R[0];
  const al = R[1];
  ddMul(cch, ccl, suh, sul);
  ddAdd(ah, al, R[0], R[1]);
  const nsh = R[0];
  const nsl = R[1];
  ddMul(cch, ccl, cuh, cul);
  const bh = R[0];
  const bl = R[1];
  ddMul(sch, scl, suh, sul);
  ddAdd(bh, bl, -R[0], -R[1]);
  cosH = R[0];
  cosL = R[1];
  sinH = nsh;
  sinL = nsl;
}

const TRIG_LIMIT = 1048576; // 2^20: beyond, the reduction above is not exact enough

/** C sin: correctly rounded for |x| < 2^20. */
export function crSin(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < TRIG_LIMIT)) return Math.sin(x); // NaN, infinities, huge arguments
  if (ax < 1e-8) return x;
  reduce(x);
  const rh = R[0];
  const rl = R[1];
  const q = quadrant;
  const y = (q & 1) === 0 ? sinFast(rh, rl) : cosFast(rh, rl);
  if (y === y) return q < 2 ? y : -y;
  quadrant = q;
  return sinFinish(rh, rl);
}

/** crSin by the double-double path only (the fast path's fallback; tests compare the two). */
export function crSinSlow(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < TRIG_LIMIT)) return Math.sin(x);
  if (ax < 1e-8) return x;
  reduce(x);
  return sinFinish(R[0], R[1]);
}

function sinFinish(rh: number, rl: number): number {
  sinCosDD(rh, rl);
  switch (quadrant) {
    case 0: return sinH + sinL;
    case 1: return cosH + cosL;
    case 2: return -(sinH + sinL);
    default: return -(cosH + cosL);
  }
}

/** C cos: correctly rounded for |x| < 2^20. */
export function crCos(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < TRIG_LIMIT)) return Math.cos(x);
  if (ax < 1e-8) return 1;
  reduce(x);
  const rh = R[0];
  const rl = R[1];
  const q = quadrant;
  const y = (q & 1) === 0 ? cosFast(rh, rl) : sinFast(rh, rl);
  if (y === y) return q === 0 || q === 3 ? y : -y;
  quadrant = q;
  return cosFinish(rh, rl);
}

/** crCos by the double-double path only (the fast path's fallback; tests compare the two). */
export function crCosSlow(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < TRIG_LIMIT)) return Math.cos(x);
  if (ax < 1e-8) return 1;
  reduce(x);
  return cosFinish(R[0], R[1]);
}

function cosFinish(rh: number, rl: number): number {
  sinCosDD(rh, rl);
  switch (quadrant) {
    case 0: return cosH + cosL;
    case 1: return -(sinH + sinL);
    case 2: return -(cosH + cosL);
    default: return sinH + sinL;
  }
}

/** C tan: correctly rounded for |x| < 2^20. */
export function crTan(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < TRIG_LIMIT)) return Math.tan(x);
  if (ax < 1e-8) return x;
  reduce(x);
  const rh = R[0];
  const rl = R[1];
  const q = quadrant;
  const y = tanFast(rh, rl, (q & 1) !== 0);
  if (y === y) return y;
  quadrant = q;
  return tanFinish(rh, rl);
}

/** crTan by the double-double path only (the fast path's fallback; tests compare the two). */
export function crTanSlow(x: number): number {
  const ax = Math.abs(x);
  if (!(ax < TRIG_LIMIT)) return Math.tan(x);
  if (ax < 1e-8) return x;
  reduce(x);
  return tanFinish(R[0], R[1]);
}

function tanFinish(rh: number, rl: number): number {
  sinCosDD(rh, rl);
  if ((quadrant & 1) === 0) ddDiv(sinH, sinL, cosH, cosL);
  else ddDiv(-cosH, -cosL, sinH, sinL);
  return R[0] + R[1];
}

// ---- atan, atan2, asin, acos -----------------------------------------------------------------

/** atan of (th, tl) for |t| <= 1, in double-double. */
function atanSmallDD(th: number, tl: number): void {
  // three argument halvings: atan(t) = 2 atan(t / (1 + sqrt(1 + t^2)))
  for (let i = 0; i < 3; i++) {
    ddMul(th, tl, th, tl);
    ddAdd(R[0], R[1], 1, 0);
    ddSqrt(R[0], R[1]);
    ddAdd(R[0], R[1], 1, 0);
    ddDiv(th, tl, R[0], R[1]);
    th = R[0];
    tl = R[1];
  }
  // |t| <= tan(pi/32): series t - t^3/3 + t^5/5 ...
  ddMul(th, tl, th, tl);
  const sh = -R[0];
  const sl = -R[1];
  // terms from t^16 on are below 2^-53: plain doubles suffice for them
  let tail = ODD_H[17];
  for (let n = 16; n >= 8; n--) tail = tail * sh + ODD_H[n];
  ddMul(tail, 0, sh, sl);
  ddAdd(R[0], R[1], ODD_H[7], ODD_L[7]);
  let ph = R[0];
  let pl = R[1];
  for (let n = 6; n >= 0; n--) {
    ddMul(ph, pl, sh, sl);
    ddAdd(R[0], R[1], ODD_H[n], ODD_L[n]);
    ph = R[0];
    pl = R[1];
  }
  ddMul(ph, pl, th * 8, tl * 8);
}

// atan(j/64) for j = 0..64
const ATANT_H = new Float64Array(65);
const ATANT_L = new Float64Array(65);
// (filled by fillTables on first use)

/**
 * atan of (th, tl) for |t| <= 1, in double-double, by the table: with c = j/64 the nearest grid
 * point, atan(t) = atan(c) + atan(u), u = (t - c) / (1 + t c), |u| <= 1/128.
 */
function atanTableDD(th: number, tl: number): void {
  if (!tablesFilled) fillTables();
  const neg = th < 0;
  if (neg) {
    th = -th;
    tl = -tl;
  }
  const j = Math.round(th * 64);
  const c = j / 64;
  let uh = th;
  let ul = tl;
  if (j !== 0) {
    ddMul(th, tl, c, 0);
    ddAdd(R[0], R[1], 1, 0);
    const dh = R[0];
    const dl = R[1];
    ddAdd(th, tl, -c, 0);
    ddDiv(R[0], R[1], dh, dl);
    uh = R[0];
    ul = R[1];
  }
  // atan(u) = u (1 - s/3 + s^2/5 ...), s = u^2 < 6.2e-5: from s^4 on plain doubles suffice
  ddMul(uh, ul, uh, ul);
  const sh = -R[0];
  const sl = -R[1];
  let tail = ODD_H[9];
  for (let n = 8; n >= 4; n--) tail = tail * sh + ODD_H[n];
  ddMul(tail, 0, sh, sl);
  for (let n = 3; n >= 1; n--) {
    ddAdd(R[0], R[1], ODD_H[n], ODD_L[n]);
    ddMul(R[0], R[1], sh, sl);
  }
  ddAdd(R[0], R[1], 1, 0);
  ddMul(R[0], R[1], uh, ul);
  if (j !== 0) ddAdd(R[0], R[1], ATANT_H[j], ATANT_L[j]);
  if (neg) {
    R[0] = -R[0];
    R[1] = -R[1];
  }
}

/** atan of (th, tl) for any finite t, in double-double. */
function atanDD(th: number, tl: number): void {
  if (Math.abs(th) <= 1) {
    atanTableDD(th, tl);
    return;
  }
  // atan(t) = +-pi/2 - atan(1/t)
  ddDiv(1, 0, th, tl);
  atanTableDD(R[0], R[1]);
  if (th > 0) ddAdd(PIO2_H, PIO2_L, -R[0], -R[1]);
  else ddAdd(-PIO2_H, -PIO2_L, -R[0], -R[1]);
}

/** C atan: correctly rounded. */
export function crAtan(x: number): number {
  if (x !== x || x === 0) return x; // NaN, +-0
  if (x === Infinity) return PIO2_H;
  if (x === -Infinity) return -PIO2_H;
  const ax = Math.abs(x);
  if (ax < 1e-8) return Math.atan(x); // atan(x) = x - x^3/3: exact to rounding
  let r: number;
  if (ax <= 1) {
    r = atanFast(ax, 0, false);
  } else {
    // atan(|x|) = pi/2 - atan(1/|x|), 1/|x| in double-double
    const ih = 1 / ax;
    twoProd(ih, ax);
    r = atanFast(ih, ((1 - R[0]) - R[1]) / ax, true);
  }
  if (r === r) return x < 0 ? -r : r;
  return crAtanSlow(x);
}

/** crAtan by the double-double path only (the fast path's fallback; tests compare the two). */
export function crAtanSlow(x: number): number {
  if (x !== x || x === 0) return x;
  if (x === Infinity) return PIO2_H;
  if (x === -Infinity) return -PIO2_H;
  if (Math.abs(x) < 1e-8) return Math.atan(x);
  atanDD(x, 0);
  return R[0] + R[1];
}

/** C atan2(y, x): correctly rounded. */
export function crAtan2(y: number, x: number): number {
  if (y !== y || x !== x || y === 0 || x === 0 || !Number.isFinite(y) || !Number.isFinite(x)) {
    return Math.atan2(y, x); // the special cases of C99 Annex F, exact in V8 too
  }
  const ay = Math.abs(y);
  const ax = Math.abs(x);
  if (ay > ax * 1e300 || ay < ax * 1e-300 || ay > 1e300 || ax > 1e300 || ay < 1e-300 || ax < 1e-300) {
    return Math.atan2(y, x); // quotient near overflow or underflow
  }
  // fast path: atan(q) for q = min/max of |y|, |x| in double-double, then pi/2 - and pi -
  let r: number;
  const swap = ay > ax;
  const n = swap ? ax : ay;
  const d = swap ? ay : ax;
  const qh = n / d;
  twoProd(qh, d);
  const ql = ((n - R[0]) - R[1]) / d;
  if (x > 0) r = atanFast(qh, ql, swap);
  else r = atanFastPi(qh, ql, swap);
  if (r === r) return y < 0 ? -r : r;
  return crAtan2Slow(y, x);
}

/** crAtan2 by the double-double path only (the fast path's fallback; tests compare the two). */
export function crAtan2Slow(y: number, x: number): number {
  if (y !== y || x !== x || y === 0 || x === 0 || !Number.isFinite(y) || !Number.isFinite(x)) {
    return Math.atan2(y, x);
  }
  const ay = Math.abs(y);
  const ax = Math.abs(x);
  if (ay > ax * 1e300 || ay < ax * 1e-300 || ay > 1e300 || ax > 1e300 || ay < 1e-300 || ax < 1e-300) {
    return Math.atan2(y, x);
  }
  ddDiv(ay, 0, ax, 0);
  atanDD(R[0], R[1]); // atan(|y / x|) in [0, pi/2)
  if (x < 0) ddAdd(PI_H, PI_L, -R[0], -R[1]);
  const r = R[0] + R[1];
  return y < 0 ? -r : r;
}

/** C asin: correctly rounded (NaN outside [-1, 1]). */
export function crAsin(x: number): number {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (!(ax <= 1)) return NaN;
  if (ax < 1e-8) return x; // asin(x) = x + x^3/6: x to rounding
  if (ax === 1) return x > 0 ? PIO2_H : -PIO2_H;
  // fast path: w = sqrt((1 - x)(1 + x)) in double-double, asin |x| = atan(|x| / w), taken as
  // pi/2 - atan(w / |x|) when |x| > w so that the atan argument is at most 1
  asinW(ax);
  const wh = R[0];
  const wl = R[1];
  let r: number;
  if (ax <= wh) {
    ddDiv(ax, 0, wh, wl);
    r = atanFast(R[0], R[1], false);
  } else {
    ddDiv(wh, wl, ax, 0);
    r = atanFast(R[0], R[1], true);
  }
  if (r === r) return x < 0 ? -r : r;
  return crAsinSlow(x);
}

/** C acos: correctly rounded (NaN outside [-1, 1]). */
export function crAcos(x: number): number {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (!(ax <= 1)) return NaN;
  if (x === 1) return 0;
  if (x === -1) return PI_H;
  if (x === 0) return PIO2_H;
  // fast path: acos |x| = atan(w / |x|) (pi/2 - atan(|x| / w) when w > |x|), pi - it for x < 0
  asinW(ax);
  const wh = R[0];
  const wl = R[1];
  const swap = wh > ax;
  if (swap) ddDiv(ax, 0, wh, wl);
  else ddDiv(wh, wl, ax, 0);
  const r = x > 0 ? atanFast(R[0], R[1], swap) : atanFastPi(R[0], R[1], swap);
  if (r === r) return r;
  return crAcosSlow(x);
}

/** sqrt((1 - ax)(1 + ax)) in double-double, into R[0], R[1]. */
function asinW(ax: number): void {
  twoSum(1, -ax);
  const ah = R[0];
  const al = R[1];
  twoSum(1, ax);
  ddMul(ah, al, R[0], R[1]);
  ddSqrt(R[0], R[1]);
}

/** crAsin by the double-double path only (the fast path's fallback; tests compare the two). */
export function crAsinSlow(x: number): number {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (!(ax <= 1)) return NaN;
  if (ax < 1e-8) return x; // asin(x) = x + x^3/6: x to rounding
  if (ax === 1) return x > 0 ? PIO2_H : -PIO2_H;
  // asin(x) = atan(x / sqrt((1 - x)(1 + x)))
  twoSum(1, -ax);
  const ah = R[0];
  const al = R[1];
  twoSum(1, ax);
  ddMul(ah, al, R[0], R[1]);
  ddSqrt(R[0], R[1]);
  ddDiv(ax, 0, R[0], R[1]);
  atanDD(R[0], R[1]);
  const r = R[0] + R[1];
  return x < 0 ? -r : r;
}

/** crAcos by the double-double path only (the fast path's fallback; tests compare the two). */
export function crAcosSlow(x: number): number {
  if (x !== x) return x;
  const ax = Math.abs(x);
  if (!(ax <= 1)) return NaN;
  if (x === 1) return 0;
  if (x === -1) return PI_H;
  if (x === 0) return PIO2_H;
  // acos(x) = atan(sqrt((1 - x)(1 + x)) / x), moved to (pi/2, pi) when x < 0
  twoSum(1, -ax);
  const ah = R[0];
  const al = R[1];
  twoSum(1, ax);
  ddMul(ah, al, R[0], R[1]);
  ddSqrt(R[0], R[1]);
  ddDiv(R[0], R[1], ax, 0);
  atanDD(R[0], R[1]);
  if (x < 0) ddAdd(PI_H, PI_L, -R[0], -R[1]);
  return R[0] + R[1];
}

// ---- cosh, sinh (LUA_COMPAT_MATHLIB) ---------------------------------------------------------
// glibc's e_cosh.c and e_sinh.c (fdlibm's algorithms) with its exp: the expm1 they also use is
// fdlibm's in both glibc and V8.

/** High word of |x| and low word of x. */
function words(x: number): [number, number] {
  fbuf[0] = x;
  return [wbuf[1] & 0x7fffffff, wbuf[0]];
}

/** C cosh, as glibc computes it. */
export function glibcCosh(x: number): number {
  const [ix, lx] = words(x);
  const ax = Math.abs(x);
  if (ix < 0x40360000) { // |x| in [0, 22]
    if (ix < 0x3fd62e43) { // |x| in [0, 0.5 ln2]: 1 + expm1(|x|)^2 / (2 exp(|x|))
      if (ix < 0x3c800000) return 1; // cosh(tiny) = 1
      const t = Math.expm1(ax);
      const w = 1 + t;
      return 1 + (t * t) / (w + w);
    }
    const t = crExp(ax); // |x| in [0.5 ln2, 22]: (exp(|x|) + 1/exp(|x|)) / 2
    return 0.5 * t + 0.5 / t;
  }
  if (ix < 0x40862e42) return 0.5 * crExp(ax); // |x| in [22, log(maxdouble)]
  if (ix < 0x408633ce || (ix === 0x408633ce && lx <= 0x8fb9f87d)) { // up to the overflow threshold
    const w = crExp(0.5 * ax);
    const t = 0.5 * w;
    return t * w;
  }
  if (ix >= 0x7ff00000) return x * x; // inf or NaN
  return Infinity; // overflow
}

/** C sinh, as glibc computes it. */
export function glibcSinh(x: number): number {
  const [ix, lx] = words(x);
  if (ix >= 0x7ff00000) return x + x; // inf or NaN
  const h = x < 0 || Object.is(x, -0) ? -0.5 : 0.5;
  const ax = Math.abs(x);
  if (ix < 0x40360000) { // |x| < 22
    if (ix < 0x3e300000) return x; // |x| < 2^-28: sinh(tiny) = tiny
    const t = Math.expm1(ax);
    if (ix < 0x3ff00000) return h * (2.0 * t - (t * t) / (t + 1));
    return h * (t + t / (t + 1));
  }
  if (ix < 0x40862e42) return h * crExp(ax); // |x| in [22, log(maxdouble)]
  if (ix < 0x408633ce || (ix === 0x408633ce && lx <= 0x8fb9f87d)) {
    const w = crExp(0.5 * ax);
    const t = h * w;
    return t * w;
  }
  return x * 1.0e307; // overflow
}

// ---- fast paths (Ziv's rounding test) ---------------------------------------------------------
// exp, log, pow, sin and cos first evaluate the result as s + t (|t| < 2^-13 |s|) in a cheaper
// way: table-driven like the double-double paths, but with only the leading terms in exact
// arithmetic (two-sum, two-product) and the small remaining terms in plain doubles. The error
// of s + t against the exact value is bounded (the bounds are derived at each function, and
// each ZIV_* constant has a margin of 8x or more over its bound). If every value within that
// bound rounds to the same double, that double is the correctly rounded result: with
// monotonic rounding it suffices that s + (t - e) and s + (t + e) round to the same double
// (e also covers the rounding of t -+ e, which is below 2^-66 |s|). Otherwise (in about 1 case
// in 100 to 1000) the double-double path runs. tests/unit/libm.test.js checks that both paths
// agree on a few hundred thousand arguments.

/** The fast evaluation's result: s + t (see above). */
let fastS = 0;
let fastT = 0;

/** exp's error bound, absolute on the result scaled to [0.99, 2.03): its error is below 2^-64. */
const ZIV_EXP = 4.336808689942018e-19; // 2^-61
/** log's error bound, relative to |s|: its error is below 2^-67 |s|. */
const ZIV_LOG = 2.168404344971009e-19; // 2^-62
/** sin/cos's and atan's error bound, relative to |s|: their errors are below 2^-64 |s|. */
const ZIV_TRIG = 4.336808689942018e-19; // 2^-61
/** tan's error bound, relative to |s|: its error is below 2^-62.9 |s|. */
const ZIV_TAN = 8.673617379884035e-19; // 2^-60

/**
 * exp(xh + xl) for -708 < xh < 709 and |xl| <= 2^-40, correctly rounded, or NaN when the
 * rounding test with the error bound e (absolute, see ZIV_EXP; pow adds its own) fails.
 * x = (64k + j) ln2/64 + r, |r| <= ln2/128 + tiny, exp(x) = 2^k T_j (1 + expm1(r)).
 * Error (in units of 2^k): expm1(r) = rh + lo with lo's error below 2^-66 (the r^8 term
 * dropped: 2^-75; q's rounding: 4 2^-53 |q| with |q| < 2^-16; lo's sum: 2^-69; r's own error
 * below 2^-90); T_j's below 2^-100; the products and the sum forming t below 2^-66, so in all
 * below 2^-64.
 */
function expFast(xh: number, xl: number, e: number): number {
  if (!tablesFilled) fillTables();
  const n = Math.round(xh * INV_LN2_64);
  const j = n & 63;
  const k = (n - j) / 64;
  // n ln2/64 = ph + pl exactly (|n| < 2^17 needs no split)
  const ph = n * LN2_64_H;
  const pl = (n * LN2_64_HH - ph) + n * LN2_64_HL;
  // r = rh + rl: xh - ph by two-sum, the rest is below 2^-40
  const rh = xh - ph;
  const bb = rh - xh;
  const rl = (((xh - (rh - bb)) + (-ph - bb)) - pl) - n * LN2_64_L + xl;
  // expm1(r) = rh + lo
  const q = rh * rh * (0.5 + rh * (1 / 6 + rh * (1 / 24 + rh * (1 / 120 + rh * (1 / 720 + rh * (1 / 5040))))));
  const lo = q + rl + rl * (rh + q);
  // T (1 + rh + lo) = Th + Th rh + (Tl + Tl (rh + lo) + Th lo)
  const th = EXPT_H[j];
  const tl = EXPT_L[j];
  twoProd(th, rh);
  const p = R[0];
  const pe = R[1];
  const s = th + p;
  const b2 = s - th;
  const es = (th - (s - b2)) + (p - b2);
  const t = (es + pe + tl + tl * (rh + lo)) + th * lo;
  const y = s + t;
  if (s + (t - e) !== y || s + (t + e) !== y) return NaN;
  return y * pow2(k);
}

/**
 * log(x) for a finite x > 0, x != 1, as fastS + fastT with an error below 2^-67 |fastS|:
 * x = 2^k m, c = j/128 within 1/256 of m, log x = k ln2 + log c + 2 atanh(f) with
 * f = (m - c) / (m + c) = fh + fl (|f| < 0.0028, fl by the division's exact residual) and
 * 2 atanh(f) = 2f + q, q = 2f (f^2/3 + ... + f^8/9) in plain doubles (|q| < 2.6e-6 |2f|,
 * the f^10 term is below 2^-80 of 2f). The three leading terms k ln2, log c and 2fh are
 * added by two-sums; no sum of them cancels by more than half, and with |log c| > 0.0077 when
 * c != 1 all of t is below 2^-17 |s|: its roundings are below 2^-68 |s|, q's below 2^-69 |s|.
 */
function logFast(x: number): void {
  if (!tablesFilled) fillTables();
  const k = splitLog(x);
  const m = splitM;
  const j = Math.round(m * 128);
  const c = j / 128;
  const u = m - c; // exact (Sterbenz)
  const dh = m + c;
  const bb = dh - m;
  const dl = (m - (dh - bb)) + (c - bb);
  const fh = u / dh;
  twoProd(fh, dh);
  const fl = (((u - R[0]) - R[1]) - fh * dl) / dh;
  const f2 = fh * fh;
  const q = 2 * fh * f2 * (1 / 3 + f2 * (1 / 5 + f2 * (1 / 7 + f2 * (1 / 9))));
  // k ln2 = a + ae exactly (|k| < 2^11 needs no split)
  const a = k * LN2_H;
  const ae = (k * LN2_HH - a) + k * LN2_HL;
  const ch = LOGT_H[j]; // 0 for j = 128
  const s1 = a + ch;
  const b1 = s1 - a;
  const e1 = (a - (s1 - b1)) + (ch - b1);
  const f2h = 2 * fh;
  const s = s1 + f2h;
  const b2 = s - s1;
  const e2 = (s1 - (s - b2)) + (f2h - b2);
  fastS = s;
  fastT = ((e1 + e2) + (ae + k * LN2_L + LOGT_L[j] + 2 * fl)) + q;
}

/**
 * sin(rh + rl) into fastS + fastT for |r| <= pi/4 + tiny (reduce's result, rl below 2^-52 |rh|). c = j/64 nearest to r, u = r - c = uh + rl (uh exact),
 * sin r = S + C uh + C (sin u - uh) + S (cos u - 1), with S, C = sin c, cos c from the tables.
 * |u| <= 1/128: the dropped series terms (u^9/9!, u^10/10!) are below 2^-80; sin u - uh and
 * cos u - 1 have relative errors below 2^-50 and are below 2^-14 |s| (after S's and C's
 * factors; |s| > 0.0077 when j != 0), so their errors are below 2^-64 |s|; the rest is smaller.
 */
function sinFastDD(rh: number, rl: number): void {
  if (!tablesFilled) fillTables();
  const j = Math.round(rh * 64);
  const uh = rh - j / 64; // exact (Sterbenz)
  const u2 = uh * uh;
  const su = uh * u2 * (-1 / 6 + u2 * (1 / 120 - u2 * (1 / 5040)));
  const cu = u2 * (-0.5 + u2 * (1 / 24 + u2 * (-1 / 720 + u2 * (1 / 40320))));
  const sinLo = su + rl + rl * cu; // sin u - uh
  let s: number;
  let t: number;
  if (j === 0) {
    s = uh;
    t = sinLo;
  } else {
    const aj = j < 0 ? -j : j;
    const sh = j < 0 ? -SINT_H[aj] : SINT_H[aj];
    const sl = j < 0 ? -SINT_L[aj] : SINT_L[aj];
    const ch = COST_H[aj];
    twoProd(ch, uh);
    const p = R[0];
    s = sh + p;
    const b = s - sh;
    const e = (sh - (s - b)) + (p - b);
    t = (e + R[1] + sl + COST_L[aj] * uh + ch * sinLo) + sh * (cu - rl * uh);
  }
  fastS = s;
  fastT = t;
}

/** cos(rh + rl) into fastS + fastT, like sinFastDD: cos r = C - S uh - S (sin u - uh) + C (cos u - 1); |s| > 0.7 when j != 0. */
function cosFastDD(rh: number, rl: number): void {
  if (!tablesFilled) fillTables();
  const j = Math.round(rh * 64);
  const uh = rh - j / 64; // exact (Sterbenz)
  const u2 = uh * uh;
  const su = uh * u2 * (-1 / 6 + u2 * (1 / 120 - u2 * (1 / 5040)));
  const cu = u2 * (-0.5 + u2 * (1 / 24 + u2 * (-1 / 720 + u2 * (1 / 40320))));
  const cosM1 = cu - rl * uh; // cos u - 1
  let s: number;
  let t: number;
  if (j === 0) {
    s = 1;
    t = cosM1;
  } else {
    const aj = j < 0 ? -j : j;
    const sh = j < 0 ? -SINT_H[aj] : SINT_H[aj];
    const sl = j < 0 ? -SINT_L[aj] : SINT_L[aj];
    const ch = COST_H[aj];
    twoProd(-sh, uh);
    const p = R[0];
    s = ch + p;
    const b = s - ch;
    const e = (ch - (s - b)) + (p - b);
    t = (e + R[1] + COST_L[aj] - sl * uh - sh * (su + rl + rl * cu)) + ch * cosM1;
  }
  fastS = s;
  fastT = t;
}

/** The rounding test on fastS + fastT with the error bound |fastS| zr: the result, or NaN. */
function zivTest(zr: number): number {
  const s = fastS;
  const t = fastT;
  const y = s + t;
  const e = Math.abs(s) * zr;
  if (s + (t - e) !== y || s + (t + e) !== y) return NaN;
  return y;
}

function sinFast(rh: number, rl: number): number {
  sinFastDD(rh, rl);
  return zivTest(ZIV_TRIG);
}

function cosFast(rh: number, rl: number): number {
  cosFastDD(rh, rl);
  return zivTest(ZIV_TRIG);
}

/**
 * tan(rh + rl) (-1/tan when cot) from sinFastDD and cosFastDD (errors below 2^-64 each): their
 * double-double quotient has an error below 2^-62.9 |q|; the test allows 2^-60.
 */
function tanFast(rh: number, rl: number, cot: boolean): number {
  sinFastDD(rh, rl);
  const sh = fastS + fastT;
  const sl = fastT - (sh - fastS);
  cosFastDD(rh, rl);
  const ch = fastS + fastT;
  const cl = fastT - (ch - fastS);
  const nh = cot ? -ch : sh;
  const nl = cot ? -cl : sl;
  const dh = cot ? sh : ch;
  const dl = cot ? sl : cl;
  const qh = nh / dh;
  twoProd(qh, dh);
  fastS = qh;
  fastT = ((((nh - R[0]) - R[1]) + nl) - qh * dl) / dh;
  return zivTest(ZIV_TAN);
}

/**
 * atan(th + tl) into fastS + fastT for 0 <= t <= 1 (tl below 2^-52 th), with an error below
 * 2^-65 |fastS|: c = j/64 nearest to t, atan t = atan c + atan u with u = (t - c) / (1 + t c)
 * = uh + ul in double-double (|u| <= 1/128), atan u = u - u^3/3 + ... + u^9/9 (the u^11 term
 * is below 2^-80 |u|). |s| > |u|, and > 0.0077 when j != 0; the u^3 part is below 2^-15 |s|
 * with a relative error below 2^-50, all the other roundings below 2^-68 |s|.
 */
function atanFastDD(th: number, tl: number): void {
  if (!tablesFilled) fillTables();
  const j = Math.round(th * 64);
  let uh = th;
  let ul = tl;
  if (j !== 0) {
    const c = j / 64;
    const nh = th - c; // exact (Sterbenz)
    twoProd(th, c);
    const p = R[0];
    const dh = 1 + p;
    const dl = ((1 - dh) + p) + R[1] + tl * c; // 1 + p by fast two-sum (1 >= p)
    uh = nh / dh;
    twoProd(uh, dh);
    ul = ((((nh - R[0]) - R[1]) + tl) - uh * dl) / dh;
  }
  const u2 = uh * uh;
  const tail = uh * u2 * (-1 / 3 + u2 * (1 / 5 + u2 * (-1 / 7 + u2 * (1 / 9))));
  if (j === 0) {
    fastS = uh;
    fastT = ul + tail;
    return;
  }
  const ah = ATANT_H[j];
  const s = ah + uh;
  const b = s - ah;
  const e = (ah - (s - b)) + (uh - b);
  fastS = s;
  fastT = ((e + ATANT_L[j]) + ul) + tail;
}

/** atan(t) (pi/2 - atan(t) when complement) for 0 <= t = th + tl <= 1, correctly rounded, or NaN. */
function atanFast(th: number, tl: number, complement: boolean): number {
  atanFastDD(th, tl);
  let s = fastS;
  let t = fastT;
  if (complement) {
    // pi/2 - (s + t) >= pi/4: no cancellation, the error stays below 2^-65 of pi/2
    const r = PIO2_H - s;
    const b = r - PIO2_H;
    t = (((PIO2_H - (r - b)) + (-s - b)) + PIO2_L) - t;
    s = r;
  }
  const y = s + t;
  const e = Math.abs(s) * ZIV_TRIG;
  if (s + (t - e) !== y || s + (t + e) !== y) return NaN;
  return y;
}

/** pi - atan(t) (pi/2 + atan(t) when complement) for 0 <= t = th + tl <= 1: atan2 with x < 0. */
function atanFastPi(th: number, tl: number, complement: boolean): number {
  atanFastDD(th, tl);
  // a result >= pi/2 - no cancellation
  const ch = complement ? PIO2_H : PI_H;
  const cl = complement ? PIO2_L : PI_L;
  const a = complement ? fastS : -fastS;
  const r = ch + a;
  const b = r - ch;
  const t = (((ch - (r - b)) + (a - b)) + cl) + (complement ? fastT : -fastT);
  const y = r + t;
  const e = Math.abs(r) * ZIV_TRIG;
  if (r + (t - e) !== y || r + (t + e) !== y) return NaN;
  return y;
}

/**
 * ax^n for an integer 2 <= |n| <= 64 by binary powering in double-double (at most 12 products,
 * each with a relative error below 2^-103; the reciprocal for n < 0 adds 2^-103), correctly
 * rounded, or NaN when the rounding test with 2^-90 fails or the result is outside
 * [2^-969, 2^995] (where the low parts or the splitting of the products would leave the
 * normal range: then the other paths decide).
 */
function powIntFast(ax: number, n: number): number {
  let k = n < 0 ? -n : n;
  let rh = 1;
  let rl = 0;
  let bh = ax;
  let bl = 0;
  for (;;) {
    if ((k & 1) !== 0) {
      ddMul(rh, rl, bh, bl);
      rh = R[0];
      rl = R[1];
    }
    k >>>= 1;
    if (k === 0) break;
    ddMul(bh, bl, bh, bl);
    bh = R[0];
    bl = R[1];
  }
  if (!(rh >= 2.004168360008973e-292 && rh <= 1.6742321987285427e+299)) return NaN; // 2^-969, 2^994
  if (n < 0) {
    ddDiv(1, 0, rh, rl);
    rh = R[0];
    rl = R[1];
  }
  const y = rh + rl;
  const e = Math.abs(rh) * 8.077935669463161e-28; // 2^-90
  if (rh + (rl - e) !== y || rh + (rl + e) !== y) return n > 0 ? powIntExact(ax, n) : NaN;
  return y;
}

/**
 * ax^n for an integer n > 0 with a normal result, exactly with bigints and rounded to nearest
 * even: for the rare results near or at a midpoint between doubles (exact ones occur, such as
 * 134217727^2, and no error bound can decide those; 1/ax^n cannot be a midpoint).
 */
function powIntExact(ax: number, n: number): number {
  fbuf[0] = ax;
  const hi = wbuf[1];
  const be = (hi >>> 20) & 0x7ff;
  if (be === 0) return NaN; // subnormal ax: not needed (the result would not be normal)
  let m = (BigInt(hi & 0x000fffff | 0x00100000) << 32n) | BigInt(wbuf[0]); // ax = m 2^(be - 1075)
  let ex = (be - 1075) * n;
  m = m ** BigInt(n);
  const bits = m.toString(2).length;
  if (bits > 53) {
    const shift = BigInt(bits - 53);
    const rem = m & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    m >>= shift;
    if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
    ex += bits - 53;
  }
  let r = Number(m); // exact: at most 2^53
  // scale by 2^ex in steps that stay in the normal range (the result is normal)
  while (ex > 1000) {
    r *= 1.0715086071862673e+301; // 2^1000
    ex -= 1000;
  }
  while (ex < -1000) {
    r *= 9.332636185032189e-302; // 2^-1000
    ex += 1000;
  }
  return r * pow2(ex);
}

/**
 * The tables above are computed on first use rather than at module load: they take a few
 * milliseconds of double-double arithmetic, which every `moonlet` start-up would pay.
 */
let tablesFilled = false;
function fillTables(): void {
  tablesFilled = true;
  for (let j = 90; j <= 182; j++) {
    if (j === 128) continue; // log(1) = 0
    logDDSeries(j / 128);
    LOGT_H[j] = R[0];
    LOGT_L[j] = R[1];
  }
  for (let j = 0; j < 64; j++) {
    ddMul(j / 64, 0, LN2_H, LN2_L);
    expDDSeries(R[0], R[1]);
    EXPT_H[j] = R[0];
    EXPT_L[j] = R[1];
  }
  for (let j = 0; j < 52; j++) {
    sinCosDDSeries(j / 64, 0);
    SINT_H[j] = sinH;
    SINT_L[j] = sinL;
    COST_H[j] = cosH;
    COST_L[j] = cosL;
  }
  for (let j = 1; j <= 64; j++) {
    atanSmallDD(j / 64, 0);
    ATANT_H[j] = R[0];
    ATANT_L[j] = R[1];
  }
}
