// Compiler tests: code shapes (via the disassembler), register allocation, constants and
// folding, jumps, loops, closing, line info, compile-time errors (messages checked against
// lua5.4), the disassembler format and the generated docs/isa.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { compile } from '../../dist/frontend/index.js';
import { compileChunk } from '../../dist/frontend/compiler.js';
import { disassemble, disassembleInstruction } from '../../dist/bytecode/disasm.js';
import { generateIsaDoc } from '../../dist/bytecode/isa-doc.js';
import { OPCODES, getOp, getA, getB, getC, getBx, getsJ } from '../../dist/bytecode/opcodes.js';
import { LuaFloat } from '../../dist/runtime/value.js';
import { LuaException } from '../../dist/runtime/error.js';

const c = (src) => compile(src, '=test');

/** Instructions of a proto as "NAME operands" strings (no comments). */
function insts(p) {
  const out = [];
  for (let pc = 0; pc < p.code.length; pc++) {
    out.push(disassembleInstruction(p, pc).split('\t;')[0].replace(/\s+/g, ' ').trim());
  }
  return out;
}
const names = (p) => insts(p).map((s) => s.split(' ')[0]);
const has = (p, re) => insts(p).some((s) => re.test(s));

/** Compile-time error message of src ('' if it compiles). */
function compileError(src, chunkname = '=test') {
  try {
    compile(src, chunkname);
    return '';
  } catch (e) {
    if (!(e instanceof LuaException)) throw e;
    return e.value;
  }
}

// ---- expressions --------------------------------------------------------------------------------

test('global arithmetic with an immediate: GETTABUP + ADDI', () => {
  const p = c('local a = b + 1');
  assert.deepEqual(insts(p), ['VARARGPREP 0', 'GETTABUP 0 0 0', 'ADDI 0 0 1', 'RETURN0']);
  assert.deepEqual(p.constants, ['b']);
  assert.equal(p.upvalues[0].name, '_ENV');
});

test('K and immediate operands; no operand swapping (metamethod order)', () => {
  assert.deepEqual(insts(c('local x; x = x * 2.5')).slice(2, 3), ['MULK 0 0 0']);
  assert.deepEqual(insts(c('local x; x = x - 1')).slice(2, 3), ['SUBK 0 0 0']); // not ADDI -1 (__sub)
  assert.deepEqual(insts(c('local x; x = 1 + x')).slice(2, 4), ['LOADI 1 1', 'ADD 0 1 0']);
  assert.deepEqual(insts(c('local x; x = x >> 3')).slice(2, 3), ['SHRI 0 0 3']);
  assert.deepEqual(insts(c('local x; x = 3 << x')).slice(2, 3), ['SHLI 0 0 3']);
  assert.deepEqual(insts(c('local x; x = x << 3')).slice(2, 4), ['LOADI 1 3', 'SHL 0 0 1']);
  assert.deepEqual(insts(c('local x; x = x & 0xff')).slice(2, 3), ['BANDK 0 0 0']);
  assert.deepEqual(insts(c('local x; x = x + 200')).slice(2, 3), ['ADDK 0 0 0']); // 200 > sC range
});

test('constant folding where Lua allows it', () => {
  const folded = (src) => insts(c(src)).slice(1, -1);
  assert.deepEqual(folded('local x = 2^10'), ['LOADF 0 1024']);
  assert.deepEqual(folded('local x = 7 // 2 + 3 % 2 * 10'), ['LOADI 0 13']);
  assert.deepEqual(folded('local x = -(-3)'), ['LOADI 0 3']);
  assert.deepEqual(folded('local x = ~0'), ['LOADI 0 -1']);
  assert.deepEqual(folded('local x = 1.0 | 2'), ['LOADI 0 3']);
  const big = c('local x = 1 << 62');
  assert.deepEqual(insts(big).slice(1, -1), ['LOADK 0 0']);
  assert.equal(big.constants[0], 4611686018427387904n);
  const wrap = c('local x = math.mininteger or -(-9223372036854775807 - 1)');
  assert.ok(wrap.constants.includes(-9223372036854775808n));
  const half = c('local x = 1 / 2');
  assert.deepEqual(insts(half).slice(1, -1), ['LOADK 0 0']);
  assert.equal(half.constants[0], 0.5);
});

test('no folding of errors, NaN, -0.0, strings or floats without integer value', () => {
  assert.ok(has(c('local x = 1 // 0'), /^IDIVK/));
  assert.ok(has(c('local x = 1 % 0'), /^MODK/));
  assert.ok(has(c('local x = 1 / 0'), /^DIVK/));
  assert.ok(has(c('local x = 0.0 / 1'), /^DIVK/)); // result 0.0 is not folded
  assert.ok(has(c('local x = -0.0'), /^UNM/));
  assert.ok(has(c('local x = 1 & 1.5'), /^BAND/));
  assert.ok(has(c('local x = "10" + 1'), /^ADDI/));
  assert.ok(has(c('local x = -"2"'), /^UNM/));
  assert.ok(has(c('local x = "a" .. "b"'), /^CONCAT/));
});

test('not on constants folds; comparisons are jumps, materialised only when needed', () => {
  assert.deepEqual(insts(c('local x = not nil')).slice(1, -1), ['LOADTRUE 0']);
  assert.deepEqual(insts(c('local x = not 1')).slice(1, -1), ['LOADFALSE 0']);
  const cmp = c('local a, b; local x = a < b');
  assert.deepEqual(insts(cmp).slice(2, -1), ['LT 0 1 1', 'JMP 1', 'LFALSESKIP 2', 'LOADTRUE 2']);
  const iff = c('local a, b; if a < b then f() end');
  assert.deepEqual(names(iff).slice(2, 4), ['LT', 'JMP']);
  assert.ok(!has(iff, /LOADTRUE|LFALSESKIP/));
});

test('comparison immediates and constants', () => {
  assert.ok(has(c('local x; if x == 1 then end'), /^EQI 0 1 0$/));
  assert.ok(has(c('local x; if x ~= "s" then end'), /^EQK 0 0 1$/)); // k inverted: jump when equal
  assert.ok(has(c('local x; if 1 < x then end'), /^GTI 0 1 0$/));
  assert.ok(has(c('local x; if x >= 3 then end'), /^GEI 0 3 0$/));
  assert.ok(has(c('local x; if x < 2.5 then end'), /^LT 0 1 0$/)); // float: no immediate
  // an integral float constant: the immediate with bit 1 of C (lua5.4's isfloat)
  assert.ok(has(c('local x; if x == 1.0 then end'), /^EQI 0 1 2$/));
  assert.ok(has(c('local x; if x < 4.0 then end'), /^LTI 0 4 2$/));
  assert.ok(has(c('local x; if 4.0 < x then end'), /^GTI 0 4 2$/));
  assert.ok(has(c('local x; if x > 1e10 then end'), /^LT 1 0 0$/)); // out of sC's range
});

test('and/or keep values with TESTSET; not of a test inverts it', () => {
  const p = c('local a, b, c; local x = a and b or c');
  assert.deepEqual(insts(p).slice(2, -1), ['TEST 0 0', 'JMP 2', 'TESTSET 3 1 1', 'JMP 1', 'MOVE 3 2']);
  const q = c('local a, b; if not (a == b) then f() end');
  assert.ok(has(q, /^EQ 0 1 1$/));
  const r = c('local a; local x = a or f()');
  assert.ok(has(r, /^TESTSET 1 0 1$/));
});

test('string constants are deduplicated; 1 and 1.0 are different constants', () => {
  const p = c('t.x = t.x .. "x"; t.y = 1.5 + t[1.5]; u = 2^63; v = 2^63; w = 9007199254740993');
  assert.equal(p.constants.filter((k) => k === 'x').length, 1);
  assert.equal(p.constants.filter((k) => k === 't').length, 1);
  assert.equal(p.constants.filter((k) => k === 1.5).length, 1);
  assert.equal(p.constants.filter((k) => k instanceof LuaFloat && k.n === 2 ** 63).length, 1);
  const q = c('local a = 100000; local b = 100000.0; local d = 100000');
  assert.equal(q.constants.length, 2);
});

test('GETI/SETI for 0..255, GETTABLE otherwise; SETFIELDK/SETIK/SETTABUPK with K values', () => {
  const p = c('local t = {}; t[1] = t[255]; t[256] = t[0]; t.f = "s"; t[2] = true; g = 1');
  const l = insts(p);
  assert.ok(l.includes('GETI 1 0 255'));
  assert.ok(l.includes('SETI 0 1 1'));
  assert.ok(l.some((s) => s.startsWith('SETTABLE 0')));
  assert.ok(l.includes('GETI 2 0 0'));
  assert.ok(l.some((s) => s.startsWith('SETFIELDK 0')));
  assert.ok(l.some((s) => s.startsWith('SETIK 0 2')));
  assert.ok(l.some((s) => s.startsWith('SETTABUPK 0')));
});

test('LOADI/LOADF ranges, LOADK beyond them', () => {
  assert.deepEqual(insts(c('local a, b, c, d, e = 32768, -32767, 32769, 1e4, 1e5')).slice(1, 6),
    ['LOADI 0 32768', 'LOADI 1 -32767', 'LOADK 2 0', 'LOADF 3 10000', 'LOADK 4 1']);
  assert.deepEqual(insts(c('local a = 0.5')).slice(1, 2), ['LOADK 0 0']);
});

test('LOADKX + EXTRAARG beyond 65535 constants; keys beyond 255 go through registers', () => {
  const items = [];
  for (let i = 0; i < 66000; i++) items.push(`"s${i}"`);
  const p = c(`local t = {${items.join(',')}}`);
  const l = insts(p);
  const kx = l.findIndex((s) => s.startsWith('LOADKX'));
  assert.equal(l[kx - 1], 'LOADK 36 65535'); // LOADK reaches constant 65535
  assert.equal(l[kx + 1], 'EXTRAARG 65536', 'the first LOADKX loads constant 65536');
  const fields = [];
  for (let i = 0; i < 300; i++) fields.push(`"k${i}"`);
  const q = c(`local t = {${fields.join(',')}}; local v = t.k299; t.k299 = 1; local m = t:k299()`);
  const ql = insts(q);
  assert.ok(ql.some((s) => /^GETTABLE/.test(s)));
  assert.ok(ql.some((s) => /^SETTABLE/.test(s)));
  assert.ok(!ql.some((s) => /^SELF/.test(s)));
});

// ---- registers, locals, assignment -------------------------------------------------------------

test('locals in consecutive registers, temporaries above; maxstacksize', () => {
  const p = c('local a, b = 1, 2; local c = a + b * f(a, b)');
  assert.deepEqual(p.locvars.map((v) => v.name), ['a', 'b', 'c']);
  assert.deepEqual(insts(p).slice(1, -1), [
    'LOADI 0 1', 'LOADI 1 2', 'GETTABUP 2 0 0', 'MOVE 3 0', 'MOVE 4 1', 'CALL 2 3 2', 'MUL 2 1 2', 'ADD 2 0 2',
  ]);
  assert.equal(p.maxstacksize, 5);
});

test('multiple assignment evaluates every expression first; conflicts use a copy', () => {
  const swap = c('local a, b = 1, 2; a, b = b, a');
  assert.deepEqual(insts(swap).slice(3, -1), ['MOVE 2 1', 'MOVE 1 0', 'MOVE 0 2']);
  const conflict = c('local t, i = {}, 1; t[i], i = 10, 20');
  assert.deepEqual(insts(conflict).slice(3, -1), ['MOVE 2 1', 'LOADI 3 10', 'LOADI 1 20', 'SETTABLE 0 2 3']);
  const adjust = c('local a, b, c = f()');
  assert.ok(has(adjust, /^CALL 0 1 4$/));
  const nils = c('local a, b, c = 1');
  assert.deepEqual(insts(nils).slice(1, -1), ['LOADI 0 1', 'LOADNIL 1 1']);
  const extra = c('local a = 1, f()');
  assert.ok(has(extra, /^CALL 1 1 1$/), 'extra call is evaluated for its effects, no results');
});

test('varargs and multiple results: expand last, truncate elsewhere, Paren truncates', () => {
  assert.ok(has(c('local a, b = ...'), /^VARARG 0 3$/));
  assert.deepEqual(names(c('f(...)')).slice(1, 4), ['GETTABUP', 'VARARG', 'CALL']);
  assert.ok(has(c('f(...)'), /^CALL 0 0 1$/));
  assert.ok(has(c('f(..., 1)'), /^VARARG 1 2$/));
  assert.ok(has(c('return ...'), /^RETURN 0 0 0$/));
  assert.ok(has(c('return (...)'), /^RETURN1 0$/));
  assert.ok(has(c('return f(), g()'), /^CALL 0 1 2$/));
  assert.ok(has(c('local t = {f()}'), /^SETLIST 0 0$/));
  assert.ok(has(c('local t = {(f())}'), /^SETLIST 0 1$/));
});

test('tail calls, also for methods; not in the scope of a to-be-closed variable', () => {
  assert.deepEqual(insts(c('return f(x)')).slice(-3), ['TAILCALL 0 2 0', 'RETURN 0 0 0', 'RETURN0']);
  assert.ok(has(c('return o:m(1)'), /^TAILCALL/));
  assert.ok(!has(c('return (f(x))'), /^TAILCALL/));
  assert.ok(!has(c('local x <close> = nil; return f(x)'), /^TAILCALL/));
});

test('RETURN0/RETURN1 only when nothing needs closing', () => {
  const plain = c('return function(a) if a then return a end return end').protos[0];
  assert.deepEqual(names(plain).filter((n) => n.startsWith('RETURN')), ['RETURN1', 'RETURN0', 'RETURN0']);
  const captured = c('return function(a) local f = function() return a end return a end').protos[0];
  assert.deepEqual(insts(captured).slice(-2), ['RETURN 0 2 1', 'RETURN 2 1 1']);
});

test('<const> locals: compile-time constants take no register; others are read-only', () => {
  const p = c('local k <const> = 5; local s <const> = "str"; return k + 1, s');
  assert.equal(p.locvars.length, 0);
  assert.deepEqual(insts(p).slice(1, 3), ['LOADI 0 6', 'LOADK 1 0']);
  const q = c('local t <const> = {}; return t');
  assert.deepEqual(q.locvars.map((v) => v.name), ['t']);
  // only the last variable of a list can become a compile-time constant (as the reference)
  const r = c('local a <const>, b <const> = 1, 2; return a + b');
  assert.deepEqual(r.locvars.map((v) => v.name), ['a']);
  const up = c('local k <const> = 10; return function() return k end');
  assert.equal(up.protos[0].upvalues.length, 0);
});

// ---- functions, upvalues --------------------------------------------------------------------

test('upvalue descriptors: instack/index through several levels, _ENV inherited', () => {
  const p = c('local a, b; return function() return function() return b, a, x end end');
  const mid = p.protos[0];
  const inner = mid.protos[0];
  assert.deepEqual(mid.upvalues.map((u) => [u.name, u.instack, u.index]), [['b', true, 1], ['a', true, 0], ['_ENV', false, 0]]);
  assert.deepEqual(inner.upvalues.map((u) => [u.name, u.instack, u.index]), [['b', false, 0], ['a', false, 1], ['_ENV', false, 2]]);
  assert.equal(inner.source, '=test');
  assert.equal(mid.linedefined, 1);
});

test('a local _ENV turns globals into GETFIELD/SETFIELD', () => {
  const p = c('local _ENV = {}; x = y');
  assert.deepEqual(insts(p).slice(2, -1), ['GETFIELD 1 0 1', 'SETFIELD 0 0 1']);
  assert.deepEqual(p.constants, ['x', 'y']); // the target is compiled first
});

test('method definitions get self; local functions see themselves; upvalue kinds', () => {
  const p = c('local a = {b = {}}; function a.b:c(x) return self end');
  assert.equal(p.protos[0].numparams, 2);
  assert.deepEqual(p.protos[0].locvars.map((v) => v.name), ['self', 'x']);
  assert.ok(has(p, /^SETFIELD 1 1 2$/));
  const r = c('local function f(n) return f end');
  assert.deepEqual(r.protos[0].upvalues.map((u) => [u.name, u.instack, u.index]), [['f', true, 0]]);
  assert.equal(r.locvars[0].startpc, 2, 'f is active only after its CLOSURE');
  const k = c('local t <const> = {}; local x <close> = nil; return function() return t, x end');
  assert.deepEqual(k.protos[0].upvalues.map((u) => u.kind), [1, 2]);
});

test('vararg functions start with VARARGPREP numparams', () => {
  const p = c('return function(a, b, ...) return ... end').protos[0];
  assert.equal(p.isVararg, true);
  assert.equal(insts(p)[0], 'VARARGPREP 2');
  assert.equal(c('return function(a) end').protos[0].isVararg, false);
});

// ---- tables ---------------------------------------------------------------------------------------

test('table constructors: size hints, SETLIST batches of 50 with EXTRAARG offsets', () => {
  const items = [];
  for (let i = 1; i <= 60; i++) items.push(String(i));
  const p = c(`local t = {${items.join(',')}, x = 1, [2] = 3, f()}`);
  const l = insts(p);
  assert.equal(l[1], 'NEWTABLE 0 60 2');
  const set = l.map((s, i) => [s, l[i + 1]]).filter(([s]) => s.startsWith('SETLIST'));
  assert.deepEqual(set, [['SETLIST 0 50', 'EXTRAARG 0'], ['SETLIST 0 0', 'EXTRAARG 50']]);
  assert.ok(l.includes('SETFIELDK 0 0 1'));
  const q = c('local t = {1, 2, 3}');
  assert.deepEqual(insts(q).slice(1, -1), ['NEWTABLE 0 3 0', 'LOADI 1 1', 'LOADI 2 2', 'LOADI 3 3', 'SETLIST 0 3', 'EXTRAARG 0']);
});

// ---- control flow ---------------------------------------------------------------------------------

function checkForJumps(p) {
  const code = p.code;
  for (let pc = 0; pc < code.length; pc++) {
    const name = OPCODES[getOp(code[pc])].name;
    if (name === 'FORPREP') {
      const q = pc + getBx(code[pc]) + 1;
      assert.equal(OPCODES[getOp(code[q])].name, 'FORLOOP');
      assert.equal(getBx(code[q]), q - pc);
    } else if (name === 'TFORPREP') {
      const cpc = pc + 1 + getBx(code[pc]);
      assert.equal(OPCODES[getOp(code[cpc])].name, 'TFORCALL');
      assert.equal(OPCODES[getOp(code[cpc + 1])].name, 'TFORLOOP');
      assert.equal(getBx(code[cpc + 1]), cpc - pc + 1);
      assert.equal(getA(code[cpc]), getA(code[pc]));
    }
  }
}

test('numeric for: FORPREP/FORLOOP offsets and (for state) locals', () => {
  const p = c('for i = 1, 10 do f(i) end');
  assert.deepEqual(names(p).slice(1, 9), ['LOADI', 'LOADI', 'LOADI', 'FORPREP', 'GETTABUP', 'MOVE', 'CALL', 'FORLOOP']);
  assert.deepEqual(insts(p)[4], 'FORPREP 0 3');
  assert.deepEqual(insts(p)[8], 'FORLOOP 0 4');
  assert.deepEqual(p.locvars.map((v) => v.name), ['(for state)', '(for state)', '(for state)', 'i']);
  checkForJumps(p);
  checkForJumps(c('for i = 10, 1, -2 do for j = i, 1, -1 do if j then break end end end'));
});

test('generic for: TFORPREP/TFORCALL/TFORLOOP and the closing value', () => {
  const p = c('for k, v in pairs(t) do f(k, v) end');
  const l = insts(p);
  assert.ok(l.includes('CALL 0 2 5'), 'explist adjusted to 4 values');
  assert.ok(l.includes('TFORCALL 0 2'));
  assert.equal(p.locvars.filter((v) => v.name === '(for state)').length, 4);
  assert.equal(l.at(-2), 'CLOSE 0', 'the loop closes its tbc value on exit');
  assert.ok(l.at(-1).startsWith('RETURN ') && l.at(-1).endsWith(' 1'), 'returns close');
  checkForJumps(p);
});

test('while, repeat (until sees body locals) and break', () => {
  const w = c('local i = 0; while i < 10 do i = i + 1 end');
  assert.deepEqual(insts(w).slice(2, -1), ['LTI 0 10 0', 'JMP 2', 'ADDI 0 0 1', 'JMP -4']);
  const r = c('repeat local x = f() until x');
  assert.deepEqual(insts(r).slice(1, -1), ['GETTABUP 0 0 0', 'CALL 0 1 2', 'TEST 0 0', 'JMP -4']);
  const b = c('while true do if g() then break end end');
  assert.deepEqual(insts(b).slice(1, -1), ['GETTABUP 0 0 0', 'CALL 0 1 2', 'TEST 0 1', 'JMP 1', 'JMP -5']);
});

test('closing captured locals: repeat iterations, break, goto and block exit', () => {
  const r = c('repeat local x = 1; f(function() return x end) until x');
  assert.deepEqual(insts(r).slice(1, -1), [
    'LOADI 0 1', 'GETTABUP 1 0 0', 'CLOSURE 2 0', 'CALL 1 2 1', 'TEST 0 0', 'JMP 2', 'CLOSE 0', 'JMP 2', 'CLOSE 0', 'JMP -10',
  ]);
  const b = c('while x do local y; f(function() return y end); if y then break end end');
  // the iteration's CLOSE, the jump back, and the CLOSE at the break target
  assert.deepEqual(insts(b).slice(-6), ['TEST 0 1', 'JMP 2', 'CLOSE 0', 'JMP -11', 'CLOSE 0', 'RETURN 0 1 1']);
  const g = c('do local y; f(function() return y end); goto out end ::out::');
  assert.ok(insts(g).includes('CLOSE 0'));
  const d = c('do local z <close> = nil end f()');
  assert.deepEqual(insts(d).slice(1, 4), ['LOADNIL 0 0', 'TBC 0', 'CLOSE 0']);
});

test('goto: backward jumps close, forward jumps resolve, labels at block end', () => {
  const p = c('local i = 1 ::top:: i = i + 1 if i < 3 then goto top end');
  assert.deepEqual(insts(p).slice(2, -1), ['ADDI 0 0 1', 'LTI 0 3 0', 'JMP 1', 'JMP -4']);
  assert.equal(compileError('goto x; local a; ::x::'), '', 'a label at the end of a block is after its locals');
  const cl = c('::a:: do local y = 1; f(function() return y end); goto a end');
  assert.ok(insts(cl).some((s, i, l) => s === 'CLOSE 0' && l[i + 1].startsWith('JMP')));
});

test('if/elseif/else chains', () => {
  const p = c('local a; if a == 1 then f() elseif a then g() else h() end');
  assert.deepEqual(names(p).slice(2), ['EQI', 'JMP', 'GETTABUP', 'CALL', 'JMP', 'TEST', 'JMP', 'GETTABUP', 'CALL', 'JMP', 'GETTABUP', 'CALL', 'RETURN0']);
  const code = p.code;
  // every escape jump lands on the final RETURN
  for (const pc of [6, 11]) assert.equal(pc + 1 + getsJ(code[pc]), code.length - 1);
});

// ---- line info and debug info --------------------------------------------------------------------

test('line info follows the AST conventions', () => {
  const p = c('local t = {}\nlocal x = f(\n  t.a,\n  t\n  .b\n)\n  +\n 1\nreturn x');
  const line = (re) => p.lineinfo[insts(p).findIndex((s) => re.test(s))];
  assert.equal(line(/^CALL/), 2, 'call: where the called expression starts');
  assert.equal(line(/^GETFIELD 2/), 3);
  assert.equal(line(/^GETFIELD 3/), 5, 'index: the line of the dot');
  assert.equal(line(/^ADDI/), 7, 'arithmetic: the operator line');
  assert.equal(p.lineinfo[p.code.length - 1], 9, 'final return: last token of the chunk');
  const fn = c('local f = function()\n\nend\n');
  assert.equal(fn.lineinfo[insts(fn).findIndex((s) => s.startsWith('CLOSURE'))], 3);
  assert.equal(fn.protos[0].lineinfo[0], 3);
  assert.equal(fn.protos[0].lastlinedefined, 3);
});

test('locvars [startpc, endpc) and scopes', () => {
  const p = c('local a = 1\ndo local b = 2 end\nlocal c = 3');
  assert.deepEqual(p.locvars.map((v) => [v.name, v.startpc, v.endpc]), [['a', 2, 5], ['b', 3, 3], ['c', 4, 5]]);
});

// ---- compile-time errors (texts and lines checked against lua5.4) -------------------------------

test('goto and label errors', () => {
  assert.equal(compileError('goto x\n\n'), 'test:3: no visible label \'x\' for <goto> at line 1');
  assert.equal(compileError('do goto x end\n::y::\n'), 'test:3: no visible label \'x\' for <goto> at line 1');
  assert.equal(compileError('do local a ::l1:: end goto l1'), "test:1: no visible label 'l1' for <goto> at line 1");
  assert.equal(compileError('::a::\nlocal b\n::a::\n\n'), "test:5: label 'a' already defined on line 1");
  assert.equal(compileError('::l:: do ::l:: end'), "test:1: label 'l' already defined on line 1");
  assert.equal(compileError('do ::l:: end ::l::'), '');
  assert.equal(compileError('goto x\nlocal a\n::x::\nprint(a)\n'), "test:4: <goto x> at line 1 jumps into the scope of local 'a'");
  assert.equal(compileError('repeat goto x; local a ::x:: until a\n'), "test:1: <goto x> at line 1 jumps into the scope of local 'a'");
  assert.equal(compileError('break\n\n'), 'test:3: break outside loop at line 1');
  assert.equal(compileError('if x then break end'), 'test:1: break outside loop at line 1');
  assert.equal(compileError('local function f()\n goto x\nend\n\nprint(1)\n'), "test:5: no visible label 'x' for <goto> at line 2");
});

test('const, close and vararg errors', () => {
  assert.equal(compileError('local x <const> = 1\nx = 2\n'), "test:2: attempt to assign to const variable 'x'");
  assert.equal(compileError('local x <const> = {}\nlocal function f() x = 2 end\n'), "test:2: attempt to assign to const variable 'x'");
  assert.equal(compileError('local x <close> = nil\nx = 3\n'), "test:2: attempt to assign to const variable 'x'");
  assert.equal(compileError('local x <const> = 1\nfunction x() end\n'), "test:3: attempt to assign to const variable 'x'");
  assert.equal(compileError('local function f() return ... end'), "test:1: cannot use '...' outside a vararg function near '...'");
  assert.equal(compileError('x = 1', '@dir/file.lua'), '');
  assert.equal(compileError('local x <const> = 1; x = 2', '@dir/file.lua'), "dir/file.lua:1: attempt to assign to const variable 'x'");
});

test('limits: locals, registers, upvalues', () => {
  const locals = [];
  for (let i = 1; i <= 201; i++) locals.push(`a${i}`);
  assert.equal(compileError(`local function f()\n local ${locals.join(', ')} = 1\nend`),
    'test:2: too many local variables (limit is 200) in function at line 1 near \'=\'');
  assert.equal(compileError(locals.map((n) => `local ${n}\n`).join('')),
    'test:202: too many local variables (limit is 200) in main function near <eof>');
  assert.equal(compileError(`local x = f(${locals.concat(locals.map((n) => 'b' + n)).join(', ')})`),
    "test:1: function or expression needs too many registers near 'ba54'");
  const decl = [];
  const uses = [];
  for (let i = 1; i <= 130; i++) {
    decl.push(`local u${i} = ${i}`);
    uses.push(`u${i}`);
  }
  const inner = [];
  for (let i = 1; i <= 130; i++) {
    inner.push(`local v${i} = ${i}`);
    uses.push(`v${i}`);
  }
  const msg = compileError(`${decl.join('\n')}\nlocal function g()\n${inner.join('\n')}\nreturn function() return ${uses.join(' + ')} end end`);
  assert.match(msg, /^test:\d+: too many upvalues \(limit is 255\) in function at line \d+ near /);
});

// ---- hand-built AST (the compiler does not depend on the parser) --------------------------------

test('compileChunk on a hand-built AST', () => {
  const n = (name, line = 1) => ({ kind: 'Name', line, name });
  const chunk = {
    chunkname: '=ast',
    body: {
      params: [], isVararg: true, line: 0, lastLine: 0,
      body: {
        endLine: 2,
        stats: [
          { kind: 'Local', line: 1, names: [{ name: 'x', attrib: null, line: 1 }], exprs: [{ kind: 'Number', line: 1, value: 41 }] },
          {
            kind: 'Return', line: 2,
            exprs: [{ kind: 'Binop', line: 2, op: '+', left: n('x', 2), right: { kind: 'Number', line: 2, value: new LuaFloat(1) } }],
          },
        ],
      },
    },
  };
  const p = compileChunk(chunk);
  assert.deepEqual(insts(p), ['VARARGPREP 0', 'LOADI 0 41', 'ADDK 1 0 0', 'RETURN1 1', 'RETURN0']);
  assert.deepEqual(p.lineinfo.slice(), Int32Array.from([1, 1, 2, 2, 2]));
  assert.ok(p.constants[0] instanceof LuaFloat && p.constants[0].n === 1);
});

test('the compiler checks multiple <close> variables even if the parser does not', () => {
  const local = {
    kind: 'Local', line: 1, exprs: [{ kind: 'Nil', line: 1 }],
    names: [{ name: 'x', attrib: 'close', line: 1 }, { name: 'y', attrib: 'close', line: 1 }],
  };
  const chunk = { chunkname: '=ast', body: { params: [], isVararg: true, line: 0, lastLine: 0, body: { endLine: 1, stats: [local] } } };
  assert.throws(() => compileChunk(chunk), (e) => e instanceof LuaException &&
    e.value === 'ast:1: multiple to-be-closed variables in local list');
});

// ---- disassembler and the ISA document ------------------------------------------------------------

test('disassembler: header, operands from the OPCODES table, comments, nested functions', () => {
  const text = disassemble(compile('local t = {}\nt.x = "a\\n"\nfor i = 1, 2 do end\nreturn function(a, ...) return t end', '@src.lua'));
  const lines = text.split('\n');
  assert.equal(lines[0], 'main <src.lua:0,0> (11 instructions)');
  assert.equal(lines[1], '0+ params, 5 slots, 1 upvalue, 5 locals, 2 constants, 1 function');
  assert.equal(lines[2], '\t0\t[1]\tVARARGPREP\t0');
  assert.ok(lines.includes('\t2\t[2]\tSETFIELDK\t0 0 1\t; "x" "a\\n"'));
  assert.ok(lines.includes('\t6\t[3]\tFORPREP  \t1 0\t; exit to 8'));
  assert.ok(lines.includes('\t7\t[3]\tFORLOOP  \t1 1\t; to 7'));
  assert.ok(lines.includes('\t9\t[4]\tRETURN   \t1 2 1\t; 1 out'));
  assert.ok(lines.includes('constants (2):'));
  assert.ok(lines.includes('\t1\tS\t"a\\n"'));
  assert.ok(lines.includes('\t0\tt\t2\t11'));
  assert.ok(lines.includes('\t1\t(for state)\t6\t8'));
  assert.ok(lines.includes('upvalues (1):') && lines.includes('\t0\t_ENV\t1\t0'));
  assert.ok(lines.includes('function <src.lua:4,4> (4 instructions)'));
  assert.ok(lines.includes('1+ params, 2 slots, 1 upvalue, 1 local, 0 constants, 0 functions'));
  assert.ok(lines.includes('\t0\tt\t1\t0'), 'nested upvalue t: in the stack of main, register 0');
  const flat = disassemble(compile('return function() end', '=x'), { nested: false });
  assert.ok(!flat.includes('\nfunction <') && flat.includes('CLOSURE  \t0 0\t; function <1,1>'));
  const jmp = disassemble(compile('local a; while a do end', '=x'));
  assert.match(jmp, /\t4\t\[1\]\tJMP      \t-3\t; to 2\n/);
  assert.match(disassemble(compile('local x; local a = x == 2.5', '=x')), /\tEQK      \t0 0 1\t; 2.5\n/);
});

test('docs/isa.md is generated from the OPCODES table (run node dist/bytecode/isa-doc.js)', () => {
  const doc = readFileSync(new URL('../../docs/isa.md', import.meta.url), 'utf8');
  assert.equal(doc, generateIsaDoc());
  for (const info of OPCODES) assert.ok(doc.includes(`| ${info.name} |`), info.name);
});
