// Bytecode files (src/bytecode/dump.ts, undump.ts, verify.ts): round trips of every program of
// the Lua corpus through `moonlet compile` + `moonlet file.luac`, the header checks, one test
// per verifier rule, canonical instructions, and the `moonlet compile` command.
import { describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { OPCODES, encABC, encABx, encAsBx, encAx, encsJ, canonicalInstruction } from '../../dist/bytecode/opcodes.js';
import { Proto } from '../../dist/bytecode/proto.js';
import { dumpProto } from '../../dist/bytecode/dump.js';
import { undump, BadBinaryFormat } from '../../dist/bytecode/undump.js';
import { verifyProto } from '../../dist/bytecode/verify.js';
import { compile } from '../../dist/frontend/index.js';
import { disassemble } from '../../dist/bytecode/disasm.js';
import { LuaState } from '../../dist/vm/state.js';
import { openLibs } from '../../dist/stdlib/index.js';
import { loadChunk } from '../../dist/stdlib/base.js';

/** Opcode numbers by name (Op is a const enum, erased at compile time). */
const Op = Object.fromEntries(OPCODES.map((o) => [o.name, o.op]));

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(root, 'bin/moonlet.js');
const tmp = mkdtempSync(join(tmpdir(), 'moonlet-bytecode-'));
const run = promisify(execFile);

// ---- round trip of the corpus ------------------------------------------------------------------

const luaDir = join(root, 'tests/lua');
const known = new Set();
if (existsSync(join(luaDir, 'KNOWN_FAILURES'))) {
  for (const line of readFileSync(join(luaDir, 'KNOWN_FAILURES'), 'utf8').split('\n')) {
    const m = /^\s*([^\s#]+)/.exec(line);
    if (m) known.add(m[1]);
  }
}
const readOpt = (p, d) => (existsSync(p) ? readFileSync(p, 'latin1') : d);

async function moonlet(args) {
  try {
    const pending = run(process.execPath, [bin, ...args], { cwd: root, encoding: 'latin1', timeout: 60000, maxBuffer: 64 << 20 });
    pending.child.stdin.end();
    const r = await pending;
    return { out: r.stdout, err: r.stderr, status: 0 };
  } catch (e) {
    return { out: e.stdout ?? '', err: e.stderr ?? '', status: typeof e.code === 'number' ? e.code : -1 };
  }
}

// the files run two at a time (each is one `moonlet compile` and one `moonlet x.luac` process)
describe('round trip of tests/lua through moonlet compile', { concurrency: 2 }, () => {
  for (const f of readdirSync(luaDir).filter((n) => n.endsWith('.lua')).sort()) {
    it(`tests/lua/${f}`, { todo: known.has(f) ? 'in KNOWN_FAILURES' : undefined }, async () => {
      const out = join(tmp, f + 'c');
      const c = await moonlet(['compile', '-o', out, `tests/lua/${f}`]);
      assert.equal(c.status, 0, c.err);
      assert.equal(readFileSync(out, 'latin1').charCodeAt(0), 27);
      const r = await moonlet([out]);
      const base = join(luaDir, f);
      assert.equal(r.out, readOpt(base + '.expected', ''), `${f}: stdout`);
      assert.equal(r.err.split('\n')[0], readOpt(base + '.stderr', '').replace(/\n$/, '').split('\n')[0], `${f}: stderr`);
      assert.equal(r.status, Number(readOpt(base + '.status', '0').trim()), `${f}: status`);
    });
  }
});

// ---- dump / undump -------------------------------------------------------------------------------

/** Everything of a Proto tree that the format keeps, as plain data. */
function shape(p) {
  return {
    code: Array.from(p.code), lineinfo: Array.from(p.lineinfo), constants: p.constants.map(String),
    upvalues: p.upvalues, locvars: p.locvars, numparams: p.numparams, isVararg: p.isVararg,
    maxstacksize: p.maxstacksize, source: p.source, linedefined: p.linedefined,
    lastlinedefined: p.lastlinedefined, protos: p.protos.map(shape),
  };
}

const SAMPLE = `local t = {1, 2.5, 'x', true, nil, 2^63, -0.0, 9007199254740993}
local function f(a, ...) local b <const> = 3; local n = select('#', ...); return function() return a + b + n end end
for i = 1, 2 do t[i] = f(i) end
return t`;

test('dump then undump gives back the same prototypes (all fields, nested)', () => {
  const p = compile(SAMPLE, '@sample.lua');
  const q = undump(dumpProto(p, false));
  assert.deepEqual(shape(q), shape(p));
  assert.equal(disassemble(q), disassemble(p));
});

test('stripped dumps drop lines, local and upvalue names, and the source', () => {
  const p = compile(SAMPLE, '@sample.lua');
  const s = dumpProto(p, true);
  assert.ok(s.length < dumpProto(p, false).length);
  const q = undump(s);
  assert.equal(q.source, '=?');
  assert.equal(q.lineinfo.length, 0);
  assert.equal(q.locvars.length, 0);
  assert.ok(q.upvalues.every((u) => u.name === ''));
  assert.deepEqual(Array.from(q.protos[0].code), Array.from(p.protos[0].code));
});

function badFormat(fn, re) {
  assert.throws(fn, (e) => e instanceof BadBinaryFormat && re.test(e.message), re.toString());
}

test('header checks: signature, version, format, truncation, trailing bytes', () => {
  const s = dumpProto(compile('return 1', '=x'), false);
  badFormat(() => undump('\x1bLuaT\x00'), /PUC-Lua precompiled chunk/);
  badFormat(() => undump('\x1bXYZW'), /not a binary chunk/);
  badFormat(() => undump(s.slice(0, 3)), /truncated chunk/);
  badFormat(() => undump(s.slice(0, 5) + '\x63' + s.slice(6)), /version mismatch/);
  badFormat(() => undump(s.slice(0, 6) + '\x19\x93\n\x1a\n' + s.slice(12)), /corrupted chunk/);
  badFormat(() => undump(s.slice(0, 13) + '\x04' + s.slice(14)), /lua_Integer size mismatch/);
  badFormat(() => undump(s.slice(0, 16) + '\x79' + s.slice(17)), /integer format mismatch/);
  badFormat(() => undump(s.slice(0, 24) + '\x01' + s.slice(25)), /float format mismatch/);
  for (let n = 0; n < s.length; n++) badFormat(() => undump(s.slice(0, n)), /truncated chunk|not a binary chunk/);
  badFormat(() => undump(s + '\0'), /extra bytes/);
});

test('huge counts in a small file are refused before allocating', () => {
  const p = compile('return 1', '=x');
  const s = dumpProto(p, true);
  // the code count is the varint right after source(0), linedefined(0), lastlinedefined(0), 3 bytes
  const at = 32 + 6; // header (32 bytes), then source, linedefined, lastlinedefined, 3 bytes
  assert.equal(s.charCodeAt(at), p.code.length);
  badFormat(() => undump(s.slice(0, at) + '\xff\xff\xff\xff\x07' + s.slice(at + 1)), /truncated chunk \(code\)/);
  badFormat(() => undump(s.slice(0, at) + '\xff\xff\xff\xff\xff\x01' + s.slice(at + 1)), /integer too large/);
});

test('loadChunk reports the format error with the chunk name', () => {
  const S = new LuaState();
  openLibs(S);
  const s = dumpProto(compile('return 1', '=x'), false);
  assert.deepEqual(loadChunk(S, s.slice(0, 8), '=name').error, 'name: bad binary format (truncated chunk)');
  assert.deepEqual(loadChunk(S, s.slice(0, 8), s.slice(0, 8)).error, 'binary string: bad binary format (truncated chunk)');
  assert.equal(loadChunk(S, s, '=name', 't').error, "attempt to load a binary chunk (mode is 't')");
  assert.equal(loadChunk(S, s, '=name', 'b').ok, true);
});

// ---- the verifier: one test per rule ---------------------------------------------------------------

/** A one-function Proto from instructions (upvalue 0 = _ENV unless given). */
function proto(code, { k = [], frame = 4, upvalues, protos = [], numparams = 0, vararg = false } = {}) {
  const p = new Proto();
  p.code = Int32Array.from(code);
  p.constants = k;
  p.maxstacksize = frame;
  p.upvalues = upvalues ?? [{ name: '_ENV', instack: true, index: 0, kind: 0 }];
  p.protos = protos;
  p.numparams = numparams;
  p.isVararg = vararg;
  return p;
}
const RET0 = encABC(Op.RETURN0, 0, 0, 0);

function rejects(p, re) {
  badFormat(() => verifyProto(p), re);
  // the same through a file
  badFormat(() => undump(dumpProto(p, false)), re);
}

test('the opcode table states the verifier facts its descriptions imply', () => {
  for (const info of OPCODES) {
    if (info.canonical !== undefined) continue;
    const f = info.facts;
    if (info.operands.includes('J') || /\bpc\b/.test(info.desc)) {
      assert.ok(f.succ !== undefined || f.next === 'JMP', `${info.name}: control flow (succ)`);
    }
    if (/\btop\b/.test(info.desc)) assert.ok(f.topIn !== undefined || f.topOut !== undefined, `${info.name}: topIn/topOut`);
    if (/^return/.test(info.desc)) assert.ok(f.closes !== undefined && (f.succ !== undefined || f.next !== undefined), `${info.name}: closes, succ/next`);
    if (/R\[A\+\d|R\[A\+[BC]/.test(info.desc)) assert.ok(f.regs !== undefined, `${info.name}: register ranges (regs)`);
    if (/K\[[BC]\] is a string/.test(info.desc)) assert.ok(f.kstr !== undefined, `${info.name}: kstr`);
    if (/EXTRAARG/.test(info.desc) && info.name !== 'EXTRAARG') assert.ok(f.next !== undefined, `${info.name}: next`);
  }
});

test('verifier accepts a minimal valid function', () => {
  verifyProto(proto([encAsBx(Op.LOADI, 0, 5), encABC(Op.RETURN1, 0, 0, 0)]));
});

test('verifier: unknown and non-canonical opcodes', () => {
  rejects(proto([encABC(200, 0, 0, 0), RET0]), /invalid opcode 200 at pc 0/);
  rejects(proto([encABC(OPCODES.length, 0, 0, 0), RET0]), /invalid opcode/);
  // the quickened forms after the base ISA are not valid in a file
  badFormat(() => verifyProto(proto([encABC(Op.EXTRAARG + 1, 0, 1, 2), RET0])), /non-canonical opcode/);
  // a quickened form (the table's `canonical` field) is never valid in a file
  const fake = { ...OPCODES[Op.MOVE], op: 250, name: 'MOVE_Q', canonical: 'MOVE' };
  const n = OPCODES.length;
  OPCODES[250] = fake;
  try {
    badFormat(() => verifyProto(proto([encABC(250, 0, 1, 0), RET0])), /non-canonical opcode MOVE_Q/);
    // the dumper writes the canonical form
    const q = undump(dumpProto(proto([encABC(250, 0, 1, 0), RET0]), false));
    assert.equal(q.code[0], encABC(Op.MOVE, 0, 1, 0));
    assert.equal(canonicalInstruction(encABC(250, 3, 1, 0)), encABC(Op.MOVE, 3, 1, 0));
  } finally {
    OPCODES.length = n;
  }
  assert.equal(canonicalInstruction(encABC(Op.ADD, 1, 2, 3)), encABC(Op.ADD, 1, 2, 3));
});

test('verifier: registers, constants, upvalues, prototypes, flags in range', () => {
  rejects(proto([encABC(Op.MOVE, 4, 0, 0), RET0]), /MOVE: register 4 \(A\) outside the frame \(4 registers\)/);
  rejects(proto([encABC(Op.ADD, 0, 1, 9), RET0]), /register 9 \(C\)/);
  rejects(proto([encABx(Op.LOADK, 0, 1), RET0], { k: [1] }), /LOADK: constant 1 \(Bx\) out of range \(1 constants\)/);
  rejects(proto([encABC(Op.GETUPVAL, 0, 1, 0), RET0]), /upvalue 1 out of range/);
  rejects(proto([encABx(Op.CLOSURE, 0, 0), RET0]), /function 0 out of range/);
  rejects(proto([encABC(Op.EQ, 0, 1, 2), encsJ(Op.JMP, 0), RET0]), /flag C is 2/);
  rejects(proto([encABC(Op.LOADNIL, 2, 2, 0), RET0]), /LOADNIL: registers 2\.\.4 outside the frame/);
  rejects(proto([encABC(Op.CALL, 0, 5, 1), RET0]), /CALL: registers 0\.\.4/);
  rejects(proto([encABC(Op.CALL, 1, 1, 5), RET0]), /CALL: registers 1\.\.4/);
  rejects(proto([encABx(Op.FORPREP, 1, 0), encABx(Op.FORLOOP, 1, 1), RET0]), /registers 1\.\.4/);
  rejects(proto([encABC(Op.CONCAT, 0, 1, 0), RET0]), /CONCAT: B is 1, less than 2/);
  badFormat(() => verifyProto(proto([RET0], { frame: 300 })), /frame size 300 too large/);
  rejects(proto([RET0], { frame: 2, numparams: 3 }), /more parameters than registers/);
  rejects(proto([]), /no code/);
});

test('verifier: string constants where the interpreter needs a key string', () => {
  rejects(proto([encABC(Op.GETTABUP, 0, 0, 0), RET0], { k: [1] }), /GETTABUP: constant 0 is not a string/);
  rejects(proto([encABC(Op.SETFIELD, 0, 0, 1), RET0], { k: [true] }), /SETFIELD: constant 0 is not a string/);
  rejects(proto([encABC(Op.SELF, 0, 1, 0), RET0], { k: [1.5] }), /SELF: constant 0 is not a string/);
  verifyProto(proto([encABC(Op.GETTABUP, 0, 0, 0), RET0], { k: ['print'] }));
});

test('verifier: jumps inside the function and on instruction boundaries; no falling off the end', () => {
  rejects(proto([encsJ(Op.JMP, 5), RET0]), /jumps to 6 outside the function/);
  rejects(proto([encsJ(Op.JMP, -2), RET0]), /jumps to -1 outside/);
  rejects(proto([encAsBx(Op.LOADI, 0, 1)]), /falls through to 1 outside the function/);
  rejects(proto([encABC(Op.RETURN1, 0, 0, 0), encAsBx(Op.LOADI, 0, 1)]), /falls through to 2/);
  // into the EXTRAARG operand of SETLIST
  rejects(proto([encABC(Op.NEWTABLE, 0, 0, 0), encsJ(Op.JMP, 1), encABC(Op.SETLIST, 0, 1, 0), encAx(Op.EXTRAARG, 0), RET0]),
    /jumps to 3, the operand of another instruction/);
  rejects(proto([encsJ(Op.JMP, 0), encABC(Op.LFALSESKIP, 0, 0, 0)]), /jumps to 3 outside/);
});

test('verifier: loop instructions come in pairs on the same registers', () => {
  verifyProto(proto([encABx(Op.FORPREP, 0, 0), encABx(Op.FORLOOP, 0, 1), RET0]));
  rejects(proto([encABx(Op.FORPREP, 0, 7), encABx(Op.FORLOOP, 0, 1), RET0]), /FORPREP without its FORLOOP \(at 8\)/);
  rejects(proto([encABx(Op.FORPREP, 0, 0), encABx(Op.FORLOOP, 0, 5), RET0]), /FORLOOP without its FORPREP \(at -4\)/);
  rejects(proto([encABx(Op.FORPREP, 0, 0), encABx(Op.FORLOOP, 1, 1), RET0], { frame: 5 }), /FORPREP without its FORLOOP/);
  rejects(proto([encABx(Op.FORLOOP, 0, 1), RET0]), /FORLOOP without its FORPREP/);
  // generic for: TFORPREP -> TFORCALL; TFORLOOP back to just after TFORPREP
  const tfor = (a2, bx) => [encABx(Op.TFORPREP, 0, 0), encABC(Op.TFORCALL, 0, 0, 1), encABx(Op.TFORLOOP, a2, bx),
    encABC(Op.RETURN, 0, 1, 1)];
  verifyProto(proto(tfor(0, 2), { frame: 8 }));
  rejects(proto(tfor(0, 1), { frame: 8 }), /TFORLOOP without its TFORPREP \(at 1\)/);
  rejects(proto(tfor(1, 2), { frame: 8 }), /TFORLOOP without its TFORPREP/);
  rejects(proto([encABx(Op.TFORPREP, 0, 1), encABC(Op.TFORCALL, 0, 0, 1), encABx(Op.TFORLOOP, 0, 2), encABC(Op.RETURN, 0, 1, 1)], { frame: 8 }),
    /TFORPREP without its TFORCALL \(at 2\)/);
});

test('verifier: required successors', () => {
  rejects(proto([encABC(Op.EQ, 0, 1, 0), RET0, RET0]), /EQ not followed by JMP/);
  rejects(proto([encABC(Op.TEST, 0, 0, 0), encsJ(Op.JMP, 0)]), /to 2 outside/);
  rejects(proto([encABx(Op.LOADKX, 0, 0), RET0], { k: [1] }), /LOADKX not followed by EXTRAARG/);
  rejects(proto([encABx(Op.LOADKX, 0, 0), encAx(Op.EXTRAARG, 3), RET0], { k: [1] }), /LOADKX: constant 3 out of range/);
  rejects(proto([encABC(Op.NEWTABLE, 0, 0, 0), encABC(Op.SETLIST, 0, 1, 0), RET0]), /SETLIST not followed by EXTRAARG/);
  rejects(proto([encAx(Op.EXTRAARG, 0), RET0]), /EXTRAARG without an instruction that needs it/);
  rejects(proto([encABC(Op.TFORCALL, 0, 0, 1), RET0], { frame: 8 }), /TFORCALL not followed by TFORLOOP/);
  rejects(proto([encABC(Op.TAILCALL, 0, 1, 0), RET0]), /TAILCALL not followed by RETURN/);
  verifyProto(proto([encABx(Op.LOADKX, 0, 0), encAx(Op.EXTRAARG, 0), RET0], { k: [1] }));
});

test('verifier: values up to the top come from the instruction just before', () => {
  const CALLV = encABC(Op.CALL, 1, 1, 0); // sets the top
  verifyProto(proto([CALLV, encABC(Op.RETURN, 1, 0, 0)]));
  verifyProto(proto([encABC(Op.VARARG, 1, 0, 0), encABC(Op.CALL, 0, 0, 1), RET0], { vararg: true }));
  rejects(proto([encAsBx(Op.LOADI, 1, 0), encABC(Op.RETURN, 1, 0, 0)]), /RETURN uses values up to the top, but the previous instruction does not set it/);
  rejects(proto([encABC(Op.CALL, 1, 1, 2), encABC(Op.RETURN, 1, 0, 0)]), /previous instruction does not set it/);
  rejects(proto([encABC(Op.RETURN, 1, 0, 0)]), /previous instruction does not set it/);
  rejects(proto([encABC(Op.CALL, 0, 0, 1), RET0]), /previous instruction does not set it/);
  // a jump target: some path reaches it without the top
  rejects(proto([encABC(Op.TEST, 0, 0, 0), encsJ(Op.JMP, 1), CALLV, encABC(Op.RETURN, 1, 0, 0)]), /is a jump target/);
  // the top is below the values read
  rejects(proto([encABC(Op.CALL, 1, 1, 0), encABC(Op.RETURN, 2, 0, 0)]), /up to a top below register 2/);
  rejects(proto([encABC(Op.CALL, 1, 1, 0), encABC(Op.CALL, 1, 0, 1), RET0]), /up to a top below register 2/);
});

test('verifier: functions that must close variables return with k = 1', () => {
  const tbc = [encABC(Op.LOADNIL, 0, 0, 0), encABC(Op.TBC, 0, 0, 0)];
  rejects(proto([...tbc, RET0]), /RETURN0 in a function that must close variables/);
  rejects(proto([...tbc, encABC(Op.RETURN, 0, 1, 0)]), /RETURN does not close variables/);
  verifyProto(proto([...tbc, encABC(Op.RETURN, 0, 1, 1)]));
  const inner = proto([RET0], { upvalues: [{ name: 'x', instack: true, index: 0, kind: 0 }] });
  rejects(proto([encABx(Op.CLOSURE, 1, 0), RET0], { protos: [inner] }), /RETURN0 in a function that must close/);
  verifyProto(proto([encABx(Op.CLOSURE, 1, 0), encABC(Op.RETURN, 0, 1, 1)], { protos: [inner] }));
});

test('verifier: upvalue descriptors of nested functions and debug ranges', () => {
  const inner = (instack, index) => proto([RET0], { upvalues: [{ name: 'x', instack, index, kind: 0 }] });
  rejects(proto([encABx(Op.CLOSURE, 0, 0), encABC(Op.RETURN, 0, 1, 1)], { protos: [inner(true, 4)] }), /upvalue descriptor out of range/);
  rejects(proto([encABx(Op.CLOSURE, 0, 0), RET0], { protos: [inner(false, 1)] }), /upvalue descriptor out of range/);
  verifyProto(proto([encABx(Op.CLOSURE, 0, 0), RET0], { protos: [inner(false, 0)] }));
  const p = proto([RET0]);
  p.locvars = [{ name: 'a', startpc: 0, endpc: 2 }];
  rejects(p, /local variable range/);
});

test('every program the compiler makes passes the verifier', () => {
  for (const f of readdirSync(luaDir).filter((n) => n.endsWith('.lua'))) {
    const p = compile(readFileSync(join(luaDir, f), 'latin1').replace(/^#[^\n]*/, ''), '@' + f);
    verifyProto(p);
  }
});

// ---- moonlet compile -----------------------------------------------------------------------------

function cli(args, input = '') {
  const r = spawnSync(process.execPath, [bin, ...args], { cwd: tmp, input, encoding: 'latin1', timeout: 30000 });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

test('moonlet compile: -o, -s, luac.out by default, errors', () => {
  writeFileSync(join(tmp, 'prog.lua'), 'local x = ... or 2\nprint(x * 21)\nerror("oops")\n');
  let r = cli(['compile', '-o', 'prog.luac', 'prog.lua']);
  assert.equal(r.status, 0, r.err);
  r = cli(['prog.luac', '3']);
  assert.equal(r.out, '63\n');
  assert.equal(r.err.split('\n')[0], 'moonlet: prog.lua:3: oops');
  r = cli(['compile', '-s', 'prog.lua']);
  assert.equal(r.status, 0, r.err);
  assert.ok(existsSync(join(tmp, 'luac.out')));
  r = cli(['luac.out']);
  assert.equal(r.out, '42\n');
  assert.equal(r.err.split('\n')[0], 'moonlet: oops');
  // the disassembler reads binary chunks too
  const text = cli(['--disasm', 'prog.lua']).out;
  assert.equal(cli(['--disasm', 'prog.luac']).out, text);
  assert.match(cli(['--disasm', 'luac.out']).out, /^main <\?:0,0>/);
  // compiling a binary chunk re-verifies and re-writes it
  r = cli(['compile', '-o', 'again.luac', 'prog.luac']);
  assert.equal(r.status, 0, r.err);
  assert.equal(readFileSync(join(tmp, 'again.luac'), 'latin1'), readFileSync(join(tmp, 'prog.luac'), 'latin1'));
  // standard input
  r = cli(['compile', '-o', 'stdin.luac', '-'], 'print("from stdin")');
  assert.equal(r.status, 0, r.err);
  assert.equal(cli(['stdin.luac']).out, 'from stdin\n');
  // errors
  writeFileSync(join(tmp, 'bad.lua'), 'x = = 1');
  r = cli(['compile', 'bad.lua']);
  assert.equal(r.status, 1);
  assert.equal(r.err, "moonlet: bad.lua:1: unexpected symbol near '='\n");
  r = cli(['compile', 'missing.lua']);
  assert.equal(r.err, 'moonlet: cannot open missing.lua: No such file or directory\n');
  r = cli(['compile']);
  assert.match(r.err, /^moonlet: no input file given\nusage: moonlet compile/);
  writeFileSync(join(tmp, 'broken.luac'), readFileSync(join(tmp, 'prog.luac')).subarray(0, 40));
  r = cli(['broken.luac']);
  assert.equal(r.status, 1);
  assert.match(r.err, /^moonlet: broken\.luac: bad binary format \(truncated chunk/);
  r = cli(['--disasm', 'broken.luac']);
  assert.match(r.err, /^moonlet: broken\.luac: bad binary format \(truncated chunk/);
});

// ---- verified but hostile: what the verifier cannot rule out is a Lua error at run time ---------

function runHostile(p) {
  verifyProto(p);
  const S = new LuaState();
  openLibs(S);
  const r = loadChunk(S, dumpProto(p, true), '=hostile', 'b');
  assert.equal(r.ok, true, String(r.error));
  return S.mainThread.pcall(r.fn, []);
}

test('hostile chunks: a numeric for whose loop state the body changed is a Lua error', () => {
  // the body makes the index a bigint while the step is a number (FORPREP never makes that)
  let res = runHostile(proto([encAsBx(Op.LOADI, 0, 1), encAsBx(Op.LOADI, 1, 10), encAsBx(Op.LOADI, 2, 1),
    encABx(Op.FORPREP, 0, 1), encABx(Op.LOADK, 0, 0), encABx(Op.FORLOOP, 0, 2), RET0], { k: [2n ** 60n], frame: 4 }));
  assert.deepEqual(res, { ok: false, values: ["?:-1: 'for' loop state is corrupted"] });
  // the body overwrites the iteration count with a string
  res = runHostile(proto([encAsBx(Op.LOADI, 0, 1), encAsBx(Op.LOADI, 1, 10), encAsBx(Op.LOADI, 2, 1),
    encABx(Op.FORPREP, 0, 1), encABx(Op.LOADK, 1, 0), encABx(Op.FORLOOP, 0, 2), RET0], { k: ['x'], frame: 4 }));
  assert.deepEqual(res, { ok: false, values: ["?:-1: 'for' loop state is corrupted"] });
  // a float loop whose limit became a table
  res = runHostile(proto([encAsBx(Op.LOADF, 0, 1), encAsBx(Op.LOADI, 1, 10), encAsBx(Op.LOADI, 2, 1),
    encABx(Op.FORPREP, 0, 1), encABC(Op.NEWTABLE, 1, 0, 0), encABx(Op.FORLOOP, 0, 2), RET0], { frame: 4 }));
  assert.deepEqual(res, { ok: false, values: ["?:-1: 'for' loop state is corrupted"] });
});

test('hostile chunks: SETLIST on a value that is not a table is a Lua error', () => {
  const res = runHostile(proto([encAsBx(Op.LOADI, 0, 1), encAsBx(Op.LOADI, 1, 2), encABC(Op.SETLIST, 0, 1, 0),
    encAx(Op.EXTRAARG, 0), RET0], { frame: 4 }));
  assert.deepEqual(res, { ok: false, values: ['?:-1: SETLIST on a non-table value'] });
});

test('hostile chunks: an endless loop stops at the instruction limit', () => {
  const p = proto([encsJ(Op.JMP, -1)]);
  verifyProto(p);
  const S = new LuaState();
  openLibs(S);
  S.setInstructionLimit(1000);
  const r = loadChunk(S, dumpProto(p, true), '=loop', 'b');
  const res = S.mainThread.pcall(r.fn, []);
  assert.deepEqual(res, { ok: false, values: ['?:-1: instruction limit exceeded'] });
});
