// C printf-compatible number formatting (runtime/numfmt.ts).
// Fixed, hand-verified cases always run; when lua5.4 is installed, thousands of random
// values/formats are also compared with its string.format (glibc printf).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { formatFloat, formatInteger, fmtG14 } from '../../dist/runtime/numfmt.js';

// ---- helpers ---------------------------------------------------------------------------------

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);
const fromBits = (b) => { u64[0] = BigInt.asUintN(64, b); return f64[0]; };
const toBits = (x) => { f64[0] = x; return BigInt.asIntN(64, u64[0]); };
const NEG_NAN = fromBits(0xfff8000000000000n);
const POS_NAN = fromBits(0x7ff8000000000000n);

/** Parse "%[flags][width][.prec]conv" and call formatFloat / formatInteger. */
function fmt(spec, x) {
  const m = /^%([-+ #0]*)(\d*)(?:\.(\d*))?([aAeEfFgGdioxXu])$/.exec(spec);
  if (!m) throw new Error('bad spec ' + spec);
  const width = m[2] ? Number(m[2]) : 0;
  const prec = m[3] === undefined ? -1 : Number(m[3] || '0');
  if ('dioxXu'.includes(m[4])) return formatInteger(m[4], x, m[1], width, prec);
  return formatFloat(m[4], x, m[1], width, prec);
}

let seed = Number(process.env.NUMFMT_SEED || 0x9e3779b9);
function rnd() { // mulberry32: deterministic
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const rint = (n) => Math.floor(rnd() * n);
const pick = (a) => a[rint(a.length)];

// ---- fixed cases (expectations from glibc printf) --------------------------------------------

const FIXED = [
  ['%.0f', 0.5, '0'], ['%.0f', 1.5, '2'], ['%.0f', 2.5, '2'], ['%.0f', 3.5, '4'], ['%.0f', -0.5, '-0'],
  ['%.0f', -2.5, '-2'], ['%.2f', 2.675, '2.67'], ['%.1f', 0.25, '0.2'], ['%.1f', 0.35, '0.3'],
  ['%.2f', 1.005, '1.00'], ['%.3f', 1.0005, '1.000'], ['%.1f', 0.05, '0.1'],
  ['%f', 0, '0.000000'], ['%f', -0, '-0.000000'], ['%f', 1 / 3, '0.333333'], ['%F', 1.5, '1.500000'],
  ['%.99f', 1 / 3, '0.333333333333333314829616256247390992939472198486328125000000000000000000000000000000000000000000000'],
  ['%5.2f', 1e308, '100000000000000001097906362944045541740492309677311846336810682903157585404911491537163328978494688899061249669721172515611590283743140088328307009198146046031271664502933027185697489699588559043338384466165001178426897626212945177628091195786707458122783970171784415105291802893207873272974885715430223118336.00'],
  ['%.0f', 1e21, '1000000000000000000000'], ['%.0f', 1e22, '10000000000000000000000'],
  ['%.0f', 1e23, '99999999999999991611392'], ['%.0f', 2 ** 63, '9223372036854775808'],
  ['%.3f', 5e-324, '0.000'], ['%#.0f', 3, '3.'], ['%+.1f', 3, '+3.0'], ['% .1f', 3, ' 3.0'],
  ['%08.2f', -3.14159, '-0003.14'], ['%-8.2f|', 3.14159, null], ['%8.2f', 3.14159, '    3.14'],
  ['%e', 0, '0.000000e+00'], ['%e', 1, '1.000000e+00'], ['%e', 1e308, '1.000000e+308'],
  ['%E', 123.456, '1.234560E+02'], ['%.0e', 5, '5e+00'], ['%#.0e', 5, '5.e+00'], ['%.0e', 25, '2e+01'],
  ['%.0e', 35, '4e+01'], ['%.1e', 9.95, '9.9e+00'], ['%.1e', 9.96, '1.0e+01'], ['%.2e', 5e-324, '4.94e-324'],
  ['%.3e', 2.2250738585072014e-308, '2.225e-308'], ['%e', -1.5e-10, '-1.500000e-10'],
  ['%g', 0, '0'], ['%g', -0, '-0'], ['%g', 100000, '100000'], ['%g', 1000000, '1e+06'], ['%g', 1e-4, '0.0001'],
  ['%g', 1e-5, '1e-05'], ['%g', 0.1, '0.1'], ['%g', 123456789, '1.23457e+08'], ['%G', 1e-10, '1E-10'],
  ['%#g', 1, '1.00000'], ['%#g', 0, '0.00000'], ['%#.1g', 1, '1.'], ['%.0g', 0.5, '0.5'], ['%.0g', 2.5, '2'],
  ['%.1g', 0.25, '0.2'], ['%.1g', 0.35, '0.3'], ['%.14g', 0.1, '0.1'], ['%.14g', 1 / 3, '0.33333333333333'],
  ['%.14g', 1e15, '1e+15'], ['%.14g', 2 ** 63, '9.2233720368548e+18'], ['%.14g', 123456789012345, '1.2345678901234e+14'],
  ['%.17g', 0.1, '0.10000000000000001'], ['%.20g', 1e21, '1e+21'], ['%.22g', 1e21, '1000000000000000000000'], ['%g', 9.9999949e-5, '9.99999e-05'],
  ['%g', 9.9999951e-5, '0.0001'], ['%g', 999999.5, '1e+06'], ['%g', 999999.4, '999999'],
  ['%.99g', 0.1, '0.1000000000000000055511151231257827021181583404541015625'],
  ['%a', 1, '0x1p+0'], ['%a', 0.1, '0x1.999999999999ap-4'], ['%A', 0.1, '0X1.999999999999AP-4'],
  ['%a', 0, '0x0p+0'], ['%a', -0, '-0x0p+0'], ['%a', 5e-324, '0x0.0000000000001p-1022'],
  ['%a', 2.2250738585072014e-308, '0x1p-1022'], ['%.0a', 1.5, '0x2p+0'], ['%.0a', 2.5, '0x1p+1'],
  ['%.1a', 1 + 2 ** -5, '0x1.0p+0'], ['%.1a', 1 + 3 * 2 ** -5, '0x1.2p+0'], ['%.1a', 0x1f8 / 256, '0x2.0p+0'],
  ['%.3a', 0.1, '0x1.99ap-4'], ['%.20a', 1, '0x1.00000000000000000000p+0'], ['%#a', 1, '0x1.p+0'],
  ['%012a', 1, '0x0000001p+0'], ['%012a', -1.5, '-0x0001.8p+0'], ['%+a', 1, '+0x1p+0'], ['% a', 1, ' 0x1p+0'],
  ['%.0a', 2 ** -1074, '0x0p-1022'], ['%.0a', 1.7976931348623157e308, '0x2p+1023'], ['%12a', 1, '      0x1p+0'],
  ['%f', Infinity, 'inf'], ['%f', -Infinity, '-inf'], ['%F', Infinity, 'INF'], ['%e', NEG_NAN, '-nan'],
  ['%g', POS_NAN, 'nan'], ['%G', NEG_NAN, '-NAN'], ['%a', Infinity, 'inf'], ['%010f', Infinity, '       inf'],
  ['%-10f|', NEG_NAN, null], ['%+f', POS_NAN, '+nan'], ['%+f', Infinity, '+inf'], ['% f', Infinity, ' inf'],
  // glibc's %#g after a rounding carry out of %f style
  ['%#.2g', 99.5, '1.e+02'], ['%#.3g', 999.5, '1.e+03'], ['%#.2g', 999.5, '1.0e+03'], ['%#.6g', 999999.5, '1.e+06'],
  ['%#g', 999999.5, '1.e+06'], ['%#.3g', 99.96, '100.'], ['%#.2g', 99.96, '1.e+02'], ['%#.3g', 0.9996, '1.00'],
  ['%#.2g', 9.96e-5, '0.00010'], ['%#.1g', 9.5e-5, '0.0001'], ['%#.3g', 99999.5, '1.00e+05'], ['%.2g', 99.5, '1e+02'],
  ['%#.15g', 999999999999999.5, '1.e+15'], ['%#.16g', 9999999999999998, '9999999999999998.'], ['%#.15g', 9999999999999998, '1.00000000000000e+16'],
  // integers
  ['%d', 0, '0'], ['%d', -5, '-5'], ['%5d', 42, '   42'], ['%-5d|', 42, null], ['%05d', -42, '-0042'],
  ['%+d', 5, '+5'], ['% d', 5, ' 5'], ['%.3d', 5, '005'], ['%.0d', 0, ''], ['%5.0d', 0, '     '],
  ['%08.3d', 5, '     005'], ['%d', -9223372036854775808n, '-9223372036854775808'], ['%i', 9223372036854775807n, '9223372036854775807'],
  ['%x', 255, 'ff'], ['%X', 255, 'FF'], ['%#x', 255, '0xff'], ['%#X', 255, '0XFF'], ['%#x', 0, '0'],
  ['%x', -1, 'ffffffffffffffff'], ['%o', 8, '10'], ['%#o', 8, '010'], ['%#o', 0, '0'], ['%#.0o', 0, '0'],
  ['%#.3o', 8, '010'], ['%o', -1, '1777777777777777777777'], ['%u', -1, '18446744073709551615'],
  ['%#010x', 255, '0x000000ff'], ['%.4x', 255, '00ff'], ['%x', -9223372036854775808n, '8000000000000000'],
];

test('fixed formatFloat/formatInteger cases', () => {
  for (const [spec, x, want] of FIXED) {
    const s = spec.endsWith('|') ? spec.slice(0, -1) : spec;
    const got = fmt(s, x);
    if (want === null) continue; // checked below
    assert.equal(got, want, `${spec} of ${String(x)}`);
  }
  assert.equal(fmt('%-8.2f', 3.14159), '3.14    ');
  assert.equal(fmt('%-10f', NEG_NAN), '-nan      ');
  assert.equal(fmt('%-5d', 42), '42   ');
});

test('fmtG14 (tostring of floats)', () => {
  const cases = [
    [0.1, '0.1'], [1 / 3, '0.33333333333333'], [1e15, '1e+15'], [1e16, '1e+16'], [1e14, '1e+14'],
    [99999999999999, '99999999999999'], [2 ** 63, '9.2233720368548e+18'], [1e100, '1e+100'],
    [123456789012345, '1.2345678901234e+14'], [123456789012355, '1.2345678901236e+14'],
    [1234567890123456, '1.2345678901235e+15'], [-0, '-0'], [0, '0'], [NEG_NAN, '-nan'], [POS_NAN, 'nan'],
    [Infinity, 'inf'], [-Infinity, '-inf'], [5e-324, '4.9406564584125e-324'], [0.99999999999999999, '1'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [0.00012345678901234567, '0.00012345678901235'],
    [-1.5, '-1.5'], [3.14159265358979, '3.1415926535898'], [100, '100'], [2 ** 53, '9.007199254741e+15'],
    [0.1 + 0.2, '0.3'], [1e-300, '1e-300'], [-123.456, '-123.456'], [12345678.9, '12345678.9'],
  ];
  for (const [x, want] of cases) assert.equal(fmtG14(x), want, `%.14g of ${x}`);
});

// ---- comparison with lua5.4 ------------------------------------------------------------------

function hasLua() {
  try {
    execFileSync('lua5.4', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function randomValue() {
  const k = rint(10);
  let x;
  if (k < 3) {
    // any bit pattern (all exponents, subnormals, specials)
    const hi = BigInt(rint(4294967296));
    const lo = BigInt(rint(4294967296));
    x = fromBits((hi << 32n) | lo);
  } else if (k < 5) {
    // short decimals: many exact ties in binary-exact cases, near-ties otherwise
    x = rint(100000) / Math.pow(10, rint(8));
    x *= Math.pow(10, rint(6));
  } else if (k < 7) {
    // dyadic values: exact ties at various positions
    x = (2 * rint(1 << 20) + 1) * Math.pow(2, -rint(30));
    if (rnd() < 0.3) x *= Math.pow(10, rint(10));
  } else if (k < 8) {
    x = pick([0, 0.5, 1.5, 2.5, 0.125, 0.375, 9.5, 99.5, 0.95, 0.995, 999999.5, 1e21, 1e22, 1e23,
      2 ** 53, 2 ** 53 + 2, 2 ** 63, 1.7976931348623157e308, 2.2250738585072014e-308, 5e-324,
      Infinity, NaN, 123456789012345, 1234567890123456789, 0.1, 0.2, 0.3, 1 / 3, 2 / 3, Math.PI, Math.E]);
  } else {
    x = (rnd() - 0.5) * Math.pow(10, rint(40) - 20);
  }
  if (rnd() < 0.3) x = -x;
  return x;
}

function randomFloatSpec() {
  const conv = pick(['e', 'E', 'f', 'g', 'G', 'a', 'A', 'g', 'f', 'e', 'g']); // no %F: lua 5.4 rejects it
  let flags = '';
  for (const fl of ['-', '+', ' ', '#', '0']) if (rnd() < 0.15) flags += fl;
  const width = rnd() < 0.3 ? String(1 + rint(40)) : '';
  let prec = '';
  const r = rnd();
  if (r < 0.6) prec = '.' + rint(20);
  else if (r < 0.75) prec = '.' + rint(100);
  return '%' + flags + width + prec + conv;
}

function randomIntSpec() {
  const conv = pick(['d', 'i', 'x', 'X', 'o']);
  const allowed = conv === 'd' || conv === 'i' ? ['-', '+', ' ', '0'] : ['-', '#', '0'];
  let flags = '';
  for (const fl of allowed) if (rnd() < 0.2) flags += fl;
  const width = rnd() < 0.4 ? String(1 + rint(30)) : '';
  const prec = rnd() < 0.3 ? '.' + rint(25) : '';
  return '%' + flags + width + prec + conv;
}

function randomInt() {
  const k = rint(4);
  if (k === 0) return rint(1000) - 500;
  if (k === 1) return pick([0, 1, -1, 9223372036854775807n, -9223372036854775808n, 2 ** 53 - 1, -(2 ** 53 - 1)]);
  if (k === 2) return rint(2 ** 31) * (rnd() < 0.5 ? -1 : 1);
  const b = BigInt.asIntN(64, (BigInt(rint(4294967296)) << 32n) | BigInt(rint(4294967296)));
  return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
}

test('formatFloat/formatInteger agree with lua5.4 string.format on random cases', { skip: !hasLua() && 'lua5.4 not installed' }, () => {
  const cases = [];
  const N = Number(process.env.NUMFMT_CASES || 6000);
  for (let i = 0; i < N; i++) cases.push(['f', randomFloatSpec(), randomValue()]);
  for (let i = 0; i < 2000; i++) cases.push(['i', randomIntSpec(), randomInt()]);
  // Every value through %.14g as tostring does.
  for (let i = 0; i < 2000; i++) cases.push(['f', '%.14g', randomValue()]);
  const lines = ['local unpack, format, pack = string.unpack, string.format, string.pack'];
  for (const [kind, spec, x] of cases) {
    const v = kind === 'f' ? `unpack("<d", pack("<i8", ${toBits(x)}))` : `math.tointeger(${x})`;
    const lit = kind === 'i' && (x === -9223372036854775808n) ? 'math.mininteger' : v;
    lines.push(`print((format(${JSON.stringify(spec)}, ${lit}):gsub("\\n", "\\\\n")))`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'numfmt-'));
  try {
    const file = join(dir, 'cases.lua');
    writeFileSync(file, lines.join('\n') + '\n');
    const out = execFileSync('lua5.4', [file], { encoding: 'latin1', maxBuffer: 1 << 28 }).split('\n');
    let bad = 0;
    const msgs = [];
    cases.forEach(([, spec, x], i) => {
      const got = fmt(spec, x);
      if (got !== out[i]) {
        bad++;
        if (msgs.length < 20) msgs.push(`${spec} of ${typeof x === 'bigint' ? x : toBits(x) + ' (' + x + ')'}: got ${JSON.stringify(got)} want ${JSON.stringify(out[i])}`);
      }
    });
    assert.equal(bad, 0, msgs.join('\n'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
