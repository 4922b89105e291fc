// Lexer, numeral conversion (numparse) and chunk ids. Expected messages were checked against the
// reference interpreter (lua5.4 -e 'print(load(src, "=input"))').
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Lexer, tokenize, utf8Encode } from '../../dist/frontend/lexer.js';
import { stringToNumber } from '../../dist/runtime/numparse.js';
import { chunkId } from '../../dist/runtime/chunkid.js';
import { LuaFloat } from '../../dist/runtime/value.js';

/** The tokens of `src` as [token, value] pairs, without the final <eof>. */
function toks(src) {
  const out = tokenize(src, '=input').map((t) => (t.value === undefined ? t.token : [t.token, t.value]));
  assert.equal(out.pop(), '<eof>');
  return out;
}

/** The single token value of `src` (a numeral or a string). */
function valueOf(src) {
  const t = tokenize(src, '=input');
  assert.equal(t.length, 2, `one token expected in ${JSON.stringify(src)}`);
  return t[0].value;
}

/** The message of the LuaException thrown by tokenizing `src` (chunkname "=input"). */
function lexError(src) {
  try {
    tokenize(src, '=input');
  } catch (e) {
    assert.ok(!(e instanceof Error), `JS error instead of a Lua error: ${e}`);
    return e.value;
  }
  assert.fail(`no error for ${JSON.stringify(src)}`);
}

const flt = (n) => new LuaFloat(n);

// ---- numerals ------------------------------------------------------------------------------

test('numerals of every form of the manual, with the value representation', () => {
  assert.equal(valueOf('3'), 3);
  assert.deepEqual(valueOf('3.0'), flt(3));
  assert.equal(valueOf('3.1416'), 3.1416);
  assert.equal(valueOf('314.16e-2'), 3.1416);
  assert.equal(valueOf('0.31416E1'), 3.1416);
  assert.deepEqual(valueOf('34e1'), flt(340));
  assert.equal(valueOf('0xff'), 255);
  assert.equal(valueOf('0xBEBADA'), 0xbebada);
  assert.equal(valueOf('0x0.1E'), 0.1171875);
  assert.equal(valueOf('0xA23p-4'), 162.1875);
  assert.equal(valueOf('0X1.921FB54442D18P+1'), Math.PI);
  assert.equal(valueOf('.5'), 0.5);
  assert.deepEqual(valueOf('5.'), flt(5));
  assert.deepEqual(valueOf('1E2'), flt(100));
  assert.equal(valueOf('0x.8'), 0.5);
  assert.equal(valueOf('0xA.8p-1'), 5.25);
  assert.deepEqual(valueOf('0x10.0'), flt(16));
  assert.equal(valueOf('0x1e'), 30, "'e' is a hex digit, not an exponent, in hex numerals");
});

test('integer numerals: fast range, bigints, hex wrap-around, decimal overflow to float', () => {
  assert.equal(valueOf('9007199254740991'), 9007199254740991);
  assert.equal(valueOf('9007199254740992'), 9007199254740992n);
  assert.equal(valueOf('9223372036854775807'), 9223372036854775807n);
  assert.deepEqual(valueOf('9223372036854775808'), flt(9223372036854775808));
  assert.equal(valueOf('0x7fffffffffffffff'), 9223372036854775807n);
  assert.equal(valueOf('0xffffffffffffffff'), -1);
  assert.equal(valueOf('0x8000000000000000'), -9223372036854775808n);
  assert.equal(valueOf('0x10000000000000000'), 0);
  assert.equal(valueOf('0x123456789abcdef0123456789'), -6066930334832433271n);
  assert.equal(valueOf('0x20000000000001'), 9007199254740993n);
  assert.equal(valueOf('1e999'), Infinity);
  assert.deepEqual(valueOf('1e-999'), flt(0));
});

test('numerals next to operators and dots', () => {
  assert.deepEqual(toks('1 ..2'), [['<number>', 1], "'..'", ['<number>', 2]]);
  assert.deepEqual(toks('a.b'), [['<name>', 'a'], "'.'", ['<name>', 'b']]);
  assert.deepEqual(toks('x=.5'), [['<name>', 'x'], "'='", ['<number>', 0.5]]);
  assert.deepEqual(toks('1-2'), [['<number>', 1], "'-'", ['<number>', 2]]);
  assert.deepEqual(toks('0x1p4+1'), [['<number>', flt(16)], "'+'", ['<number>', 1]]);
  assert.deepEqual(toks('1e+5-1'), [['<number>', flt(100000)], "'-'", ['<number>', 1]]);
  assert.deepEqual(toks('0xep-1'), [['<number>', flt(7)]], "hex 'e' then a 'p' exponent");
});

test('malformed numbers show the text read, with one touching letter', () => {
  assert.equal(lexError('x = 3x'), "input:1: malformed number near '3x'");
  assert.equal(lexError('x = 3xyz'), "input:1: malformed number near '3x'");
  assert.equal(lexError('x = 1e'), "input:1: malformed number near '1e'");
  assert.equal(lexError('x = 0x'), "input:1: malformed number near '0x'");
  assert.equal(lexError('x = 3..2'), "input:1: malformed number near '3..2'");
  assert.equal(lexError('x = .5x'), "input:1: malformed number near '.5x'");
  assert.equal(lexError('x = 0x1p'), "input:1: malformed number near '0x1p'");
  assert.equal(lexError('x = 1.2.3'), "input:1: malformed number near '1.2.3'");
  assert.equal(lexError('x = 1__'), "input:1: malformed number near '1_'");
  assert.equal(lexError('x = 0x1.8pq'), "input:1: malformed number near '0x1.8pq'");
  assert.equal(lexError('x = 08a'), "input:1: malformed number near '08a'");
});

// ---- stringToNumber (luaO_str2num, also used by tonumber) ------------------------------------

test('stringToNumber: whitespace, signs and invalid forms', () => {
  assert.equal(stringToNumber(' \t12\n'), 12);
  assert.equal(stringToNumber('\v1\f'), 1);
  assert.equal(stringToNumber('+1'), 1);
  assert.equal(stringToNumber('-0x1'), -1);
  assert.equal(stringToNumber('-.5'), -0.5);
  assert.ok(Object.is(stringToNumber('-0'), 0), '-0 is the integer 0');
  const negZero = stringToNumber('-0.0');
  assert.ok(negZero instanceof LuaFloat && Object.is(negZero.n, -0));
  assert.equal(stringToNumber('-9223372036854775808'), -9223372036854775808n);
  assert.deepEqual(stringToNumber('-9223372036854775809'), flt(-9223372036854775808));
  for (const bad of ['', ' ', '+', '-', '- 1', '--1', '+-1', '1 2', 'inf', 'nan', '-inf', 'infinity', '0x', '0x.', '.',
    '1e', '1e+', '1.5e', 'e1', '1e1.5', '0x-1', '0x1p', '0x1pp1', '12\0', '1\0 ', '0b101', '1_000', '0x+1', '1..', 'NaN', '0xg']) {
    assert.equal(stringToNumber(bad), undefined, JSON.stringify(bad));
  }
});

test('stringToNumber: hexadecimal floats are correctly rounded', () => {
  const f = (s) => { const v = stringToNumber(s); return v instanceof LuaFloat ? v.n : v; };
  assert.equal(f('0x1.fffffffffffff8p1023'), Infinity, 'rounds up to overflow');
  assert.equal(f('0x1.fffffffffffff7p1023'), 1.7976931348623157e308);
  assert.equal(f('0x1p-1074'), 5e-324);
  assert.equal(f('0x1p-1075'), 0, 'a tie rounds to even (zero)');
  assert.equal(f('0x1.1p-1075'), 5e-324, 'above the tie rounds up');
  assert.equal(f('0x3p-1076'), 5e-324);
  assert.equal(f('0x1.00000000000008p0'), 1, 'tie to even, down');
  assert.equal(f('0x1.00000000000018p0'), 1 + 2 * 2 ** -52, 'tie to even, up');
  assert.equal(f('0x1.0000000000000800000000000000000000000000000001p0'), 1 + 2 ** -52, 'sticky digits beyond the tie');
  assert.equal(f('0x0.fffffffffffff8p-1022'), 2 ** -1022, 'largest subnormal rounds up to the smallest normal');
  assert.equal(f('0x1.23456789abcdef0123456789p3'), 9.102222222222222);
  assert.equal(f('0x.0000000000000000000000000000000000000000001p0'), 2 ** -172);
  assert.equal(f('0x1p99999999999999'), Infinity);
  assert.equal(f('0x1p-99999999999'), 0);
});

test('stringToNumber: decimal floats and big decimal integers', () => {
  assert.equal(stringToNumber('2.4703282292062328e-324'), 5e-324);
  assert.deepEqual(stringToNumber('2.4703282292062327e-324'), flt(0));
  assert.equal(stringToNumber('123456789012345678'), 123456789012345678n);
  assert.equal(stringToNumber('00000000000000000000000000000009'), 9);
  assert.equal(stringToNumber('0.1'), 0.1);
  assert.deepEqual(stringToNumber('1.e5'), flt(100000));
  assert.equal(stringToNumber('-1e400'), -Infinity);
});

// ---- strings -------------------------------------------------------------------------------

test('short strings: every escape sequence', () => {
  assert.equal(valueOf(String.raw`"\a\b\f\n\r\t\v\\\"\'"`), '\x07\b\f\n\r\t\v\\"\'');
  assert.equal(valueOf(`'it"s'`), 'it"s');
  assert.equal(valueOf(`"it's"`), "it's");
  assert.equal(valueOf(String.raw`'\x41\x7a\xFF\x00'`), 'Az\xff\0');
  assert.equal(valueOf(String.raw`'\65\066\0067\255\0'`), 'AB\x067\xff\0');
  assert.equal(valueOf(String.raw`'\2555'`), '\xff5', 'at most three decimal digits');
  assert.equal(valueOf(String.raw`'\u{41}\u{7FF}\u{FFFF}'`), 'A\xdf\xbf\xef\xbf\xbf');
  assert.equal(valueOf(String.raw`'\u{10FFFF}'`), '\xf4\x8f\xbf\xbf');
  assert.equal(valueOf(String.raw`'\u{D800}'`), '\xed\xa0\x80', 'surrogates are encoded too');
  assert.equal(valueOf(String.raw`'\u{7FFFFFFF}'`), '\xfd\xbf\xbf\xbf\xbf\xbf');
  assert.equal(valueOf(String.raw`'\u{000000000041}'`), 'A', 'leading zeros do not count');
  assert.equal(valueOf("'a\\\nb\\\r\nc\\\n\rd\\\re'"), 'a\nb\nc\nd\ne', 'backslash-newline in every newline form');
  assert.equal(valueOf("'a\\z  \n\t \r\n  b'"), 'ab', '\\z skips spaces and newlines');
  assert.equal(valueOf("'a\\zb'"), 'ab');
  assert.equal(valueOf("'caf\xc3\xa9'"), 'caf\xc3\xa9', 'UTF-8 source bytes stay bytes');
});

test('utf8Encode follows the reference (up to 6 bytes)', () => {
  assert.equal(utf8Encode(0x7f), '\x7f');
  assert.equal(utf8Encode(0x80), '\xc2\x80');
  assert.equal(utf8Encode(0x10000), '\xf0\x90\x80\x80');
  assert.equal(utf8Encode(0x200000), '\xf8\x88\x80\x80\x80');
  assert.equal(utf8Encode(0x4000000), '\xfc\x84\x80\x80\x80\x80');
});

test('long strings: levels, first newline skipped, newlines normalised', () => {
  assert.equal(valueOf('[[abc]]'), 'abc');
  assert.equal(valueOf('[==[a]]b]=]c]==]'), 'a]]b]=]c');
  assert.equal(valueOf('[[\nabc]]'), 'abc');
  assert.equal(valueOf('[[\r\nabc]]'), 'abc');
  assert.equal(valueOf('[[\n\nabc]]'), '\nabc', 'only the first newline is skipped');
  assert.equal(valueOf('[[a\r\nb\n\rc\rd\ne]]'), 'a\nb\nc\nd\ne');
  assert.equal(valueOf('[[a\\nb]]'), 'a\\nb', 'no escapes in long strings');
  assert.equal(valueOf('[=[]]]=]'), ']]');
  assert.equal(valueOf('[[]]'), '');
});

test('comments: short, long, and "--[" that is not a long bracket', () => {
  assert.deepEqual(toks('a -- comment\nb'), [['<name>', 'a'], ['<name>', 'b']]);
  assert.deepEqual(toks('a --[[ long\ncomment ]] b'), [['<name>', 'a'], ['<name>', 'b']]);
  assert.deepEqual(toks('a --[==[ ]] ]=] ]==] b'), [['<name>', 'a'], ['<name>', 'b']]);
  assert.deepEqual(toks('a --[=x ]] b\nc'), [['<name>', 'a'], ['<name>', 'c']]);
  assert.deepEqual(toks('a --'), [['<name>', 'a']]);
  assert.deepEqual(toks('a - - b'), [['<name>', 'a'], "'-'", "'-'", ['<name>', 'b']]);
});

test('line counting: \\n, \\r, \\r\\n and \\n\\r each count once', () => {
  const lines = (src) => tokenize(src).slice(0, -1).map((t) => t.line);
  assert.deepEqual(lines('a\nb\rc\r\nd\n\re'), [1, 2, 3, 4, 5]);
  assert.deepEqual(lines('a\n\nb\r\rc\n\r\n\rd'), [1, 3, 5, 7]);
  assert.deepEqual(lines('a [[\nx\r\ny]] b'), [1, 3, 3], 'a long string ends on a later line');
  assert.deepEqual(lines("a 'x\\\ny' b"), [1, 2, 2]);
  assert.deepEqual(lines('a --[[\n\n]] b'), [1, 3]);
  assert.deepEqual(lines("'\\z\n\n\n' b"), [4, 4]);
});

test('every operator and symbol', () => {
  const src = '+ - * / // % ^ # & ~ | << >> == ~= <= >= < > = ( ) { } [ ] :: ; : , . .. ...';
  assert.deepEqual(toks(src), src.split(' ').map((s) => `'${s}'`));
  assert.deepEqual(toks('a//b'), [['<name>', 'a'], "'//'", ['<name>', 'b']]);
  assert.deepEqual(toks('a....b'), [['<name>', 'a'], "'...'", "'.'", ['<name>', 'b']]);
  assert.deepEqual(toks('~==<<=>>='), ["'~='", "'='", "'<<'", "'='", "'>>'", "'='"]);
  assert.deepEqual(toks(':::'), ["'::'", "':'"]);
});

test('keywords, names, and non-ASCII chars as single-char tokens', () => {
  const kws = 'and break do else elseif end false for function goto if in local nil not or repeat return then true until while';
  assert.deepEqual(toks(kws), kws.split(' ').map((k) => `'${k}'`));
  assert.deepEqual(toks('_x1 And nil_ _'), [['<name>', '_x1'], ['<name>', 'And'], ['<name>', 'nil_'], ['<name>', '_']]);
  assert.deepEqual(toks('\x80 @ $'), ["'<\\128>'", "'@'", "'$'"]);
  assert.deepEqual(toks('#!x'), ["'#'", "'!'", ['<name>', 'x']], 'the lexer does not skip a first "#" line (load does not)');
});

// ---- lexical errors --------------------------------------------------------------------------

test('string errors show the string read so far, with escapes decoded', () => {
  assert.equal(lexError("x = 'abc"), 'input:1: unfinished string near <eof>');
  assert.equal(lexError("x = 'abc\ndef'"), "input:1: unfinished string near ''abc'");
  assert.equal(lexError("x = 'a\\tb\\65\n"), "input:1: unfinished string near ''a\tbA'");
  assert.equal(lexError("x = '\\u{41}\n"), "input:1: unfinished string near ''A'");
  assert.equal(lexError("x = '\0\n"), "input:1: unfinished string near '''", 'shown up to the first NUL');
  assert.equal(lexError("x = '\\z   \n  abc"), 'input:2: unfinished string near <eof>');
  assert.equal(lexError("x = '\\"), 'input:1: unfinished string near <eof>');
  assert.equal(lexError("x = '\\9"), 'input:1: unfinished string near <eof>');
  assert.equal(lexError('x = "a\\\nb'), 'input:2: unfinished string near <eof>');
});

test('escape sequence errors', () => {
  assert.equal(lexError("x = '\\q'"), "input:1: invalid escape sequence near ''\\q'");
  assert.equal(lexError("x = 'ab\\q'"), "input:1: invalid escape sequence near ''ab\\q'");
  assert.equal(lexError("x = '\\300'"), "input:1: decimal escape too large near ''\\300''");
  assert.equal(lexError("x = '\\256'"), "input:1: decimal escape too large near ''\\256''");
  assert.equal(lexError("x = '\\xg1'"), "input:1: hexadecimal digit expected near ''\\xg'");
  assert.equal(lexError("x = '\\x1g'"), "input:1: hexadecimal digit expected near ''\\x1g'");
  assert.equal(lexError("x = '\\x'"), "input:1: hexadecimal digit expected near ''\\x''");
  assert.equal(lexError("x = '\\x4"), "input:1: hexadecimal digit expected near ''\\x4'");
  assert.equal(lexError("x = '\\u{110000000}'"), "input:1: UTF-8 value too large near ''\\u{110000000'");
  assert.equal(lexError("x = '\\u{80000000}'"), "input:1: UTF-8 value too large near ''\\u{80000000'");
  assert.equal(lexError("x = '\\u123'"), "input:1: missing '{' near ''\\u1'");
  assert.equal(lexError("x = '\\u"), "input:1: missing '{' near ''\\u'");
  assert.equal(lexError("x = '\\u{12'"), "input:1: missing '}' near ''\\u{12''");
  assert.equal(lexError("x = '\\u{4"), "input:1: missing '}' near ''\\u{4'");
  assert.equal(lexError("x = '\\u{}'"), "input:1: hexadecimal digit expected near ''\\u{}'");
  assert.equal(lexError("x = '\\u{zz}'"), "input:1: hexadecimal digit expected near ''\\u{z'");
});

test('long string and comment errors', () => {
  assert.equal(lexError('x = [[abc'), 'input:1: unfinished long string (starting at line 1) near <eof>');
  assert.equal(lexError('x = [==[abc]]'), 'input:1: unfinished long string (starting at line 1) near <eof>');
  assert.equal(lexError('\nx = [[a\n\n'), 'input:4: unfinished long string (starting at line 2) near <eof>');
  assert.equal(lexError('--[[ abc'), 'input:1: unfinished long comment (starting at line 1) near <eof>');
  assert.equal(lexError('--[==[ abc\n\n'), 'input:3: unfinished long comment (starting at line 1) near <eof>');
  assert.equal(lexError('x = [=x'), "input:1: invalid long string delimiter near '[='");
  assert.equal(lexError('x = [=='), "input:1: invalid long string delimiter near '[=='");
});

test('lexical errors use the chunk id and the current line', () => {
  assert.throws(() => tokenize('\n\n"abc', '@some/file.lua'), (e) => e.value === 'some/file.lua:3: unfinished string near <eof>');
  assert.throws(() => tokenize('x = 3x', 'x = 3x'), (e) => e.value === '[string "x = 3x"]:1: malformed number near \'3x\'');
});

// ---- chunk ids --------------------------------------------------------------------------------

test('chunkId: "=name", "@file" and source strings as luaO_chunkid', () => {
  assert.equal(chunkId('=abc'), 'abc');
  assert.equal(chunkId('=' + 'b'.repeat(59)), 'b'.repeat(59));
  assert.equal(chunkId('=' + 'b'.repeat(60)), 'b'.repeat(59));
  assert.equal(chunkId('@' + 'a'.repeat(59)), 'a'.repeat(59));
  assert.equal(chunkId('@' + 'a'.repeat(60)), '...' + 'a'.repeat(56));
  assert.equal(chunkId('@dir/' + 'a'.repeat(70)), '...' + 'a'.repeat(56));
  assert.equal(chunkId('x='), '[string "x="]');
  assert.equal(chunkId('x=\ny'), '[string "x=..."]');
  assert.equal(chunkId('\nx='), '[string "..."]');
  assert.equal(chunkId('x=' + ' '.repeat(42)), `[string "x=${' '.repeat(42)}"]`, '44 chars are kept');
  assert.equal(chunkId('x=' + ' '.repeat(43)), `[string "x=${' '.repeat(43)}..."]`, '45 chars are cut');
  assert.equal(chunkId('x=' + ' '.repeat(42) + '\n'), `[string "x=${' '.repeat(42)}..."]`);
  assert.equal(chunkId('x\ry'), '[string "x\ry"]', 'only \\n ends the first line');
  assert.equal(chunkId(''), '[string ""]');
  assert.equal(chunkId('@'), '');
  assert.equal(chunkId('='), '');
  assert.equal(chunkId('x= \0 abc'), '[string "x= "]', 'names are C strings in the reference');
  assert.equal(chunkId('=a\0b'), 'a');
});

// ---- performance -------------------------------------------------------------------------------

test('lexing a 10 MB source is fast (linear, no per-char regexes or concatenation)', () => {
  const unit = "local t = {x = 1, 'str\\n', [[long\nstring]], 0x1p4 + 3.25e-3} -- comment\nfor i = 1, 10 do t[i] = t.x .. i end\n";
  const src = unit.repeat(Math.ceil(10e6 / unit.length));
  const eofLexer = new Lexer('', '=x');
  eofLexer.next();
  const EOF = eofLexer.token;
  const start = performance.now();
  const lx = new Lexer(src, '=big');
  let n = 0;
  do {
    lx.next();
    n++;
  } while (lx.token !== EOF);
  const ms = performance.now() - start;
  assert.ok(n > 3e6, `${n} tokens`);
  assert.equal(lx.linenumber, 3 * Math.ceil(10e6 / unit.length) + 1);
  assert.ok(ms < 5000, `took ${ms.toFixed(0)} ms`); // about 0.2 s here; generous for loaded CI machines
});
