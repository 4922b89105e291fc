// The elementary functions of src/runtime/libm.ts are correctly rounded: their results equal the
// exact values rounded to nearest, computed with 256-bit arithmetic (mpmath) for random
// arguments, for arguments near the hard spots of each function (multiples of pi/2, log and acos
// near 1, the ends of exp's range) and for cases where glibc's or V8's results are one unit in
// the last place away.
// The cases are in libm-cases.json: [x, f(x)] (pow and atan2: [a, b, f(a, b)]).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  crAcos, crAsin, crAtan, crAtan2, crCos, crExp, crLog, crLog2, crPow, crSin, crTan, crLog10, glibcCosh, glibcSinh,
  crExpSlow, crLogSlow, crPowSlow, crSinSlow, crCosSlow, crAtanSlow, crAtan2Slow, crTanSlow, crAsinSlow, crAcosSlow, crLog2Slow,
} from '../../dist/runtime/libm.js';

const cases = JSON.parse(readFileSync(new URL('./libm-cases.json', import.meta.url), 'utf8'));
const unary = {
  log: (x) => crLog(x, NaN), log2: (x) => crLog2(x, NaN), exp: crExp, sin: crSin, cos: crCos, tan: crTan,
  atan: crAtan, asin: crAsin, acos: crAcos,
};

for (const [name, f] of Object.entries(unary)) {
  test(`libm: ${name} is correctly rounded`, () => {
    const bad = cases[name].filter(([x, y]) => !Object.is(f(x), y)).map(([x, y]) => `${name}(${x}) = ${f(x)}, expected ${y}`);
    assert.deepEqual(bad, []);
  });
}

test('libm: pow and atan2 are correctly rounded', () => {
  const bad = [];
  for (const [x, y, r] of cases.pow) if (!Object.is(crPow(x, y), r)) bad.push(`pow(${x}, ${y}) = ${crPow(x, y)}, expected ${r}`);
  for (const [y, x, r] of cases.atan2) if (!Object.is(crAtan2(y, x), r)) bad.push(`atan2(${y}, ${x}) = ${crAtan2(y, x)}, expected ${r}`);
  assert.deepEqual(bad, []);
});

test('libm: special values follow C99 Annex F', () => {
  assert.equal(crLog(0, NaN), -Infinity);
  assert.equal(crLog(Infinity, NaN), Infinity);
  assert.equal(crLog(1, NaN), 0);
  assert.ok(Number.isNaN(crLog(-1, NaN)));
  assert.equal(crLog2(1024, NaN), 10);
  assert.equal(crLog2(2 ** -1074, NaN), -1074);
  assert.equal(crLog10(1000), 3);
  assert.equal(crLog10(0), -Infinity);
  assert.equal(crExp(0), 1);
  assert.equal(crExp(-Infinity), 0);
  assert.equal(crExp(1000), Infinity);
  assert.equal(crPow(2, 10), 1024);
  assert.equal(crPow(-2, 3), -8);
  assert.ok(Number.isNaN(crPow(-2, 0.5)));
  assert.equal(crPow(0, -1), Infinity);
  assert.ok(Object.is(crSin(-0), -0));
  assert.ok(Object.is(crTan(-0), -0));
  assert.equal(crCos(0), 1);
  assert.ok(Number.isNaN(crSin(Infinity)));
  assert.equal(crAtan(Infinity), Math.PI / 2);
  assert.ok(Object.is(crAtan2(-0, 1), -0));
  assert.equal(crAtan2(0, -1), Math.PI);
  assert.equal(crAsin(1), Math.PI / 2);
  assert.equal(crAcos(-1), Math.PI);
  assert.ok(Number.isNaN(crAsin(1.5)));
  assert.equal(glibcCosh(0), 1);
  assert.ok(Object.is(glibcSinh(-0), -0));
  assert.equal(glibcCosh(1000), Infinity);
});

// exp, log, pow, sin and cos first try a cheaper evaluation with an error bound and Ziv's
// rounding test, and fall back to the double-double path when the test fails (libm.ts, "fast
// paths"). Both must give the same double for every argument: random arguments with all
// mantissa bits random (not results of other computations, which lie near doubles), in the
// ranges each function's tables and reductions distinguish.
test('libm: the fast paths agree with the double-double paths', () => {
  let state = 0x9e3779b9;
  const next = () => { // xorshift32
    state ^= state << 13; state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5; state >>>= 0;
    return state;
  };
  const buf = new Float64Array(1);
  const words = new Uint32Array(buf.buffer);
  /** a random double in [2^lo, 2^hi) with a random mantissa */
  const rnd = (lo, hi) => {
    words[0] = next();
    words[1] = (next() & 0x000fffff) | ((1023 + lo + (next() % (hi - lo))) << 20);
    return buf[0];
  };
  const subnormal = () => {
    words[0] = next();
    words[1] = next() & 0x000fffff;
    return buf[0];
  };
  const sign = (x) => (next() & 1 ? -x : x);
  const bad = [];
  const check = (name, f, g, ...args) => {
    const a = f(...args);
    const b = g(...args);
    if (!Object.is(a, b) && bad.length < 20) bad.push(`${name}(${args.join(', ')}): fast ${a}, exact ${b}`);
  };
  const N = 40000;
  for (let i = 0; i < N; i++) {
    check('exp', crExp, crExpSlow, sign(rnd(-30, 9)) % 708);
    check('exp', crExp, crExpSlow, -rnd(9, 10) % 708); // the bottom of the range
    check('log', (x) => crLog(x, NaN), (x) => crLogSlow(x, NaN), rnd(-1074 + 52, 1023));
    check('log', (x) => crLog(x, NaN), (x) => crLogSlow(x, NaN), 1 + sign(rnd(-40, -1)));
    check('log', (x) => crLog(x, NaN), (x) => crLogSlow(x, NaN), rnd(-1, 1));
    check('log', (x) => crLog(x, NaN), (x) => crLogSlow(x, NaN), subnormal());
    check('log2', (x) => crLog2(x, NaN), (x) => crLog2Slow(x, NaN), rnd(-1074 + 52, 1023));
    check('log2', (x) => crLog2(x, NaN), (x) => crLog2Slow(x, NaN), 1 + sign(rnd(-40, -1)));
    check('log2', (x) => crLog2(x, NaN), (x) => crLog2Slow(x, NaN), subnormal());
    for (const [f, g, name] of [[crSin, crSinSlow, 'sin'], [crCos, crCosSlow, 'cos']]) {
      check(name, f, g, sign(rnd(-30, 2)));
      check(name, f, g, sign(rnd(2, 20)));
      check(name, f, g, (next() % 4000 - 2000) * (Math.PI / 2) + sign(rnd(-40, -3))); // near k pi/2
    }
    check('tan', crTan, crTanSlow, sign(rnd(-30, 2)));
    check('tan', crTan, crTanSlow, sign(rnd(2, 20)));
    check('tan', crTan, crTanSlow, (next() % 4000 - 2000) * (Math.PI / 2) + sign(rnd(-40, -3)));
    check('asin', crAsin, crAsinSlow, sign(rnd(-26, 0)));
    check('asin', crAsin, crAsinSlow, sign(1 - rnd(-50, -1)));
    check('acos', crAcos, crAcosSlow, sign(rnd(-26, 0)));
    check('acos', crAcos, crAcosSlow, sign(1 - rnd(-50, -1)));
    check('atan', crAtan, crAtanSlow, sign(rnd(-26, 1)));
    check('atan', crAtan, crAtanSlow, sign(rnd(0, 60)));
    check('atan', crAtan, crAtanSlow, sign(rnd(-1000, 1000)));
    check('atan2', crAtan2, crAtan2Slow, sign(rnd(-20, 20)), sign(rnd(-20, 20)));
    check('atan2', crAtan2, crAtan2Slow, sign(rnd(-900, 900)), sign(rnd(-900, 900)));
    check('pow', crPow, crPowSlow, rnd(-10, 10), sign(rnd(-10, 4)));
    check('pow', crPow, crPowSlow, rnd(-100, 100), sign(rnd(-20, 0)));
    check('pow', crPow, crPowSlow, sign(rnd(-3, 3)), next() % 41 - 20);
    check('pow', crPow, crPowSlow, sign(rnd(-40, 40)), next() % 129 - 64); // the integer powers
    check('pow', crPow, crPowSlow, sign(1 + rnd(-30, -1)), next() % 129 - 64);
    check('pow', crPow, crPowSlow, 1 + sign(rnd(-30, -5)), sign(rnd(0, 30)));
  }
  assert.deepEqual(bad, []);
});

test('libm: exp near the bottom of its range is rounded before scaling', () => {
  // the double-double result used to be scaled in two parts, the low one becoming subnormal
  assert.equal(crExpSlow(-707.5630603073968), 5.11996874617097e-308);
  assert.equal(crExp(-707.5630603073968), 5.11996874617097e-308);
  assert.equal(crExpSlow(-705.9237026808455), 2.6377357226534788e-307);
});

test('libm: integer powers that are exactly midpoints round to even', () => {
  // (2^27 - 1)^2 = 2^54 - 2^28 + 1 and (2^18 - 1)^3 lie halfway between two doubles
  assert.equal(crPow(134217727, 2), 18014398241046528);
  assert.equal(crPow(-134217727, 2), 18014398241046528);
  assert.equal(crPow(262143, 3), 18014192351838208);
  assert.equal(crPow(-262143, 3), -18014192351838208);
  assert.equal(crPow(262145, 3), 18014604668698624);
  // random odd integers of about 54/n bits to the n-th power, against exact bigint rounding
  let state = 12345;
  const next = () => { state = (state * 1103515245 + 12345) >>> 0; return state; };
  const bad = [];
  for (let i = 0; i < 20000; i++) {
    const n = 2 + (i % 6);
    const bits = Math.floor(54 / n) + (i & 1);
    const m = (next() % 2 ** bits) | 1; // bits <= 28
    let p = BigInt(m) ** BigInt(n);
    const len = p.toString(2).length;
    let exact;
    if (len <= 53) exact = Number(p);
    else {
      const sh = BigInt(len - 53);
      const rem = p & ((1n << sh) - 1n);
      const half = 1n << (sh - 1n);
      p >>= sh;
      if (rem > half || (rem === half && (p & 1n) === 1n)) p += 1n;
      exact = Number(p) * 2 ** (len - 53);
    }
    if (crPow(m, n) !== exact && bad.length < 10) bad.push(`${m}^${n} = ${crPow(m, n)}, expected ${exact}`);
  }
  assert.deepEqual(bad, []);
});
