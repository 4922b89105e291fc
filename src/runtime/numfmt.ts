// C printf-compatible formatting of numbers, byte for byte as glibc prints them (used by
// tostring's "%.14g" and by string.format).
//
// glibc rounds the exact binary value of a double to the requested number of decimal digits,
// round-half-even on exact ties. JS's toExponential/toFixed are exact too (V8's bignum dtoa)
// except that they round exact ties away from zero, and they are limited to 100 digits
// (toFixed also to values < 1e21). So: a tie is detected exactly and cheaply from the bits of
// the double (see `isTie`), and ties, huge precisions and huge values take an exact BigInt path.

const TWO32 = 4294967296;

const fbuf = new Float64Array(1);
const fw = new Uint32Array(fbuf.buffer); // little-endian: fw[0] low word, fw[1] high word

function signBit(x: number): boolean {
  fbuf[0] = x;
  return (fw[1] >>> 31) !== 0;
}

// ---- exact decimal expansion -----------------------------------------------------------------

/** Results of `lowBit`: x = oddM * 2^lowE with oddM odd. */
let oddM = 0;
let lowE = 0;

/** Decompose a positive finite double into an odd mantissa and the exponent of its lowest bit. */
function lowBit(x: number): void {
  fbuf[0] = x;
  const lo = fw[0];
  const hi = fw[1];
  const be = (hi >>> 20) & 0x7ff;
  let fh = hi & 0xfffff;
  if (be !== 0) fh += 0x100000;
  const e0 = be === 0 ? -1074 : be - 1075;
  const tz = lo !== 0 ? 31 - Math.clz32(lo & -lo) : 63 - Math.clz32(fh & -fh);
  lowE = e0 + tz;
  oddM = (fh * TWO32 + lo) / Math.pow(2, tz);
}

/**
 * Is x (positive, finite; `lowBit(x)` already called) exactly halfway between two multiples of
 * 10^q? x*2/10^q must be an odd integer: with x = m*2^e (m odd) that needs e = q-1 and, for
 * q > 0, 5^q dividing m (impossible for q > 22 since m < 2^53 < 5^23).
 */
function isTie(q: number): boolean {
  return lowE === q - 1 && (q <= 0 || (q <= 22 && oddM % Math.pow(5, q) === 0));
}

const pow10cache: bigint[] = [1n];
function pow10(n: number): bigint {
  let p = pow10cache[n];
  if (p === undefined) {
    p = 10n ** BigInt(n);
    if (n < 1200) pow10cache[n] = p;
  }
  return p;
}

/** round-half-even(x / 10^q) for a positive finite x, exactly. */
function scaledRound(x: number, q: number): bigint {
  fbuf[0] = x;
  const lo = fw[0];
  const hi = fw[1];
  const be = (hi >>> 20) & 0x7ff;
  let fh = hi & 0xfffff;
  if (be !== 0) fh += 0x100000;
  const e = be === 0 ? -1074 : be - 1075;
  let num = BigInt(fh * TWO32 + lo);
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (q >= 0) den *= pow10(q);
  else num *= pow10(-q);
  const Q = num / den;
  const twice = (num - Q * den) * 2n;
  if (twice > den || (twice === den && (Q & 1n) === 1n)) return Q + 1n;
  return Q;
}

/** Decimal exponent of the last result of `sigDigits`. */
let sdExp = 0;

/**
 * The first P significant decimal digits of x (positive, finite), correctly rounded
 * (half-even on exact ties); the decimal exponent of the first digit goes to `sdExp`.
 */
function sigDigits(x: number, P: number): string {
  if (P <= 101) {
    const s = x.toExponential(P - 1);
    const ei = s.indexOf('e', 1);
    const X = +s.slice(ei + 1);
    const q = X - P + 1;
    lowBit(x);
    // q - 1 as well: rounding may have carried into a new leading digit (9.5 -> 1e+1).
    if (!isTie(q) && !isTie(q - 1)) {
      sdExp = X;
      return P === 1 ? s.slice(0, ei) : s[0] + s.slice(2, ei);
    }
  }
  let X = Math.floor(Math.log10(x));
  for (;;) {
    const s = scaledRound(x, X - P + 1).toString();
    if (s.length > P) X++;
    else if (s.length < P) X--;
    else {
      sdExp = X;
      return s;
    }
  }
}

/** The digits of round(x * 10^P) (x positive, finite, P >= 0): no decimal point, maybe shorter than P+1. */
function fixedDigits(x: number, P: number): string {
  if (x < 1e21 && P <= 100) {
    lowBit(x);
    if (!isTie(-P)) {
      const s = x.toFixed(P);
      return P === 0 ? s : s.slice(0, s.length - P - 1) + s.slice(s.length - P);
    }
  }
  return scaledRound(x, -P).toString();
}

function stripZeros(s: string): string {
  let n = s.length;
  while (n > 0 && s.charCodeAt(n - 1) === 48) n--;
  return n === s.length ? s : s.slice(0, n);
}

function expPart(X: number, upper: boolean): string {
  const a = X < 0 ? -X : X;
  return (upper ? 'E' : 'e') + (X < 0 ? '-' : '+') + (a < 10 ? '0' : '') + a;
}

// ---- the conversions (ax >= 0 finite; P = precision, already defaulted) ----------------------

function fmtE(ax: number, P: number, hash: boolean, upper: boolean): string {
  let d: string;
  let X = 0;
  if (ax === 0) d = '0'.repeat(P + 1);
  else {
    d = sigDigits(ax, P + 1);
    X = sdExp;
  }
  return d[0] + (P > 0 ? '.' + d.slice(1) : hash ? '.' : '') + expPart(X, upper);
}

function fmtF(ax: number, P: number, hash: boolean): string {
  if (ax < 1e21 && P <= 100) {
    // toFixed is exact here except on exact ties (see fixedDigits): its text is the result
    lowBit(ax);
    if (ax === 0 || !isTie(-P)) {
      const s = ax.toFixed(P);
      return P === 0 && hash ? s + '.' : s;
    }
  }
  let d = ax === 0 ? '0' : fixedDigits(ax, P);
  if (d.length <= P) d = '0'.repeat(P + 1 - d.length) + d;
  const k = d.length - P;
  return P > 0 ? d.slice(0, k) + '.' + d.slice(k) : hash ? d + '.' : d;
}

function fmtG(ax: number, P: number, hash: boolean, upper: boolean): string {
  if (P === 0) P = 1;
  let d: string;
  let X = 0;
  if (ax === 0) d = '0'.repeat(P);
  else {
    d = sigDigits(ax, P);
    X = sdExp;
  }
  if (hash && X === P && carried(ax, d, X)) {
    // glibc quirk: the value chose %f style before rounding (exponent P-1) and rounding carried
    // into a new digit; glibc then switches to %e but keeps the %f style's fraction count (0).
    return '1.' + expPart(X, upper);
  }
  if (X < P && X >= -4) {
    let ip: string;
    let fp: string;
    if (X >= 0) {
      ip = d.slice(0, X + 1);
      fp = d.slice(X + 1);
    } else {
      ip = '0';
      fp = '0'.repeat(-X - 1) + d;
    }
    if (!hash) fp = stripZeros(fp);
    return fp.length > 0 || hash ? ip + '.' + fp : ip;
  }
  let fp = d.slice(1);
  if (!hash) fp = stripZeros(fp);
  return d[0] + (fp.length > 0 || hash ? '.' + fp : '') + expPart(X, upper);
}

/** Did rounding ax to the digits d (1000...) carry into exponent X, i.e. is ax < 10^X? */
function carried(ax: number, d: string, X: number): boolean {
  if (d.charCodeAt(0) !== 49 || stripZeros(d).length !== 1) return false;
  if (X <= 22) return ax < Math.pow(10, X); // 10^X is exact
  return BigInt(ax) < pow10(X); // ax >= 1e22 is an integer
}

function fmtA(ax: number, P: number, hash: boolean): string {
  fbuf[0] = ax;
  const lo = fw[0];
  const hi = fw[1];
  const be = (hi >>> 20) & 0x7ff;
  const frac = (hi & 0xfffff) * TWO32 + lo; // the 52 fraction bits
  let lead: number;
  let exp: number;
  if (be === 0) {
    lead = 0;
    exp = frac === 0 ? 0 : -1022;
  } else {
    lead = 1;
    exp = be - 1023;
  }
  let digits: string;
  if (P < 0) digits = stripZeros(frac.toString(16).padStart(13, '0'));
  else if (P >= 13) digits = frac.toString(16).padStart(13, '0') + '0'.repeat(P - 13);
  else {
    // Round the 53-bit significand to P hex digits, half-even (the leading digit may become 2).
    const full = lead * 4503599627370496 + frac;
    const div = Math.pow(2, 4 * (13 - P));
    let q = Math.floor(full / div);
    const r = full - q * div;
    const half = div / 2;
    if (r > half || (r === half && q % 2 === 1)) q++;
    const p16 = Math.pow(16, P);
    lead = Math.floor(q / p16);
    digits = P > 0 ? (q - lead * p16).toString(16).padStart(P, '0') : '';
  }
  return '0x' + lead + (digits.length > 0 || hash ? '.' + digits : '') + 'p' + (exp < 0 ? '-' : '+') + (exp < 0 ? -exp : exp);
}

function pad(sign: string, body: string, width: number, left: boolean, zero: boolean, prefixLen: number): string {
  const n = width - sign.length - body.length;
  if (n <= 0) return sign + body;
  if (left) return sign + body + ' '.repeat(n);
  if (zero) return sign + body.slice(0, prefixLen) + '0'.repeat(n) + body.slice(prefixLen);
  return ' '.repeat(n) + sign + body;
}

/**
 * Format a double like C's printf with conversion `conv` ('e' 'E' 'f' 'F' 'g' 'G' 'a' 'A'),
 * `flags` (any of "-+ #0"), `width` (0 = none) and `precision` (-1 = default).
 * Handles inf/nan as glibc ("inf", "-nan", "INF" for upper-case conversions).
 */
export function formatFloat(conv: string, x: number, flags: string, width: number, precision: number): string {
  const left = flags.includes('-');
  const plus = flags.includes('+');
  const space = flags.includes(' ');
  const hash = flags.includes('#');
  let zero = flags.includes('0');
  const upper = conv === 'E' || conv === 'F' || conv === 'G' || conv === 'A';
  const neg = signBit(x);
  const sign = neg ? '-' : plus ? '+' : space ? ' ' : '';
  const ax = Math.abs(x);
  let body: string;
  let prefixLen = 0;
  if (ax !== ax || ax === Infinity) {
    body = ax !== ax ? 'nan' : 'inf';
    zero = false;
  } else {
    switch (conv) {
      case 'e': case 'E':
        body = fmtE(ax, precision < 0 ? 6 : precision, hash, upper);
        break;
      case 'f': case 'F':
        body = fmtF(ax, precision < 0 ? 6 : precision, hash);
        break;
      case 'g': case 'G':
        body = fmtG(ax, precision < 0 ? 6 : precision, hash, upper);
        break;
      case 'a': case 'A':
        body = fmtA(ax, precision, hash);
        prefixLen = 2;
        break;
      default:
        throw new Error(`formatFloat: bad conversion '${conv}'`);
    }
  }
  if (upper) body = body.toUpperCase();
  return pad(sign, body, width, left, zero, prefixLen);
}

/** Count significant digits in a plain decimal JS number string (no exponent). */
function sigCount(s: string): number {
  let n = 0;
  let started = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 49 && c <= 57) {
      started = true;
      n++;
    } else if (c === 48 && started) n++;
  }
  return n;
}

/** printf("%.14g", x) (LUAI_NUMFFORMAT), fast for the common cases. */
export function fmtG14(x: number): string {
  const ax = x < 0 ? -x : x;
  if (ax >= 1e-4 && ax < 1e14) {
    // When the shortest round-trip representation has <= 14 significant digits, it is also the
    // correctly rounded 14-digit one (the double's rounding interval is far narrower than the
    // 14-digit grid), and in this range both %g and String() use plain notation.
    const s = String(x);
    if (sigCount(s) <= 14) return s;
  }
  if (ax !== ax) return signBit(x) ? '-nan' : 'nan';
  if (ax === Infinity) return x > 0 ? 'inf' : '-inf';
  if (ax === 0) return signBit(x) ? '-0' : '0';
  return (x < 0 ? '-' : '') + fmtG(ax, 14, false, false);
}

// ---- integers ------------------------------------------------------------------------------

/**
 * Format a 64-bit Lua integer (number | bigint) like C's printf with conversion `conv`
 * ('d' 'i' signed decimal; 'u' unsigned decimal; 'o' 'x' 'X' unsigned octal/hex of the 64-bit
 * two's complement value), `flags` (any of "-+ #0"), `width` (0 = none) and `precision`
 * (-1 = default; as in C it is the minimum number of digits and disables the '0' flag).
 */
export function formatInteger(conv: string, v: number | bigint, flags: string, width: number, precision: number): string {
  const left = flags.includes('-');
  const hash = flags.includes('#');
  const zero = flags.includes('0') && precision < 0;
  let sign = '';
  let digits: string;
  let prefix = '';
  const isZero = v === 0 || v === 0n;
  if (conv === 'd' || conv === 'i') {
    const neg = v < 0;
    sign = neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '';
    digits = neg ? (typeof v === 'bigint' ? (-v).toString() : String(-v)) : String(v);
  } else {
    const u = v < 0 ? BigInt.asUintN(64, BigInt(v)) : v;
    const radix = conv === 'o' ? 8 : conv === 'u' ? 10 : 16;
    digits = u.toString(radix);
    if (conv === 'X') digits = digits.toUpperCase();
    if (hash && !isZero && conv === 'x') prefix = '0x';
    else if (hash && !isZero && conv === 'X') prefix = '0X';
  }
  if (precision >= 0) {
    if (precision === 0 && isZero) digits = '';
    if (digits.length < precision) digits = '0'.repeat(precision - digits.length) + digits;
  }
  if (hash && conv === 'o' && digits[0] !== '0') digits = '0' + digits;
  return pad(sign, prefix + digits, width, left, zero, prefix.length);
}
