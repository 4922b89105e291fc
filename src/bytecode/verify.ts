// The bytecode verifier: run on every binary chunk before it can execute (undump.ts), so that a
// damaged or hostile file is rejected with "bad binary format (reason)" instead of making the
// interpreter misbehave. It is driven by the OPCODES table: operand kinds (registers, constants,
// upvalues, prototypes, flags, unused fields) and OpFacts (successors, required next
// instruction, register ranges, string constants, variable-results stack tops, closing): it
// has no per-opcode code of its own.
//
// Checked for each function:
//   - header facts: frame size within MAXREGS, parameters within the frame, code not empty;
//     upvalue descriptors of nested functions refer to the parent's registers/upvalues;
//     debug information (local variable pc ranges) within the code;
//   - every instruction: a known canonical opcode; each operand in range for its kind;
//     register ranges within the frame; string constants where the interpreter needs a string;
//   - control flow: every successor (fall-through, jumps, skips) is an instruction of the
//     function that is not the operand word (EXTRAARG) of another one; instructions that need
//     a particular successor have it; so the last instruction cannot fall off the end; loop
//     instructions come in pairs (FORPREP/FORLOOP, TFORPREP/TFORCALL...TFORLOOP);
//   - stack tops: an instruction that reads values "up to the top" (B = 0) is reached only from
//     the instruction just before it, which sets the top at or above the registers it reads;
//   - closing: a function with to-be-closed variables or captured registers returns only with
//     instructions that close them (k = 1), so no open upvalue or pending to-be-closed slot
//     outlives its frame.

import { OPCODES, getOp, getA, getB, getC, getBx, getAx, getsJ, opcodeByName, type OpInfo } from './opcodes.js';
import type { Proto } from './proto.js';

/** A binary chunk that cannot be loaded; `reason` goes inside "bad binary format (...)". */
export class BadBinaryFormat extends Error {
  constructor(readonly reason: string) {
    super(`bad binary format (${reason})`);
  }
}

/** Registers per function (as the compiler's MAXREGS: maxstacksize <= 255). */
export const MAX_FRAME = 255;

type Fields = { A: number; B: number; C: number; Bx: number; sJ: number; Ax: number };
type Expr = (f: Fields) => number;

/** Compile "A+B-1"-style expressions of OpFacts (once per distinct text). */
const exprCache = new Map<string, Expr>();
function compileExpr(text: string): Expr {
  let e = exprCache.get(text);
  if (e !== undefined) return e;
  const terms: { sign: number; field?: keyof Fields; value: number }[] = [];
  const re = /\s*([+-]?)\s*(\d+|A|Bx|B|C|sJ|Ax)/y;
  let pos = 0;
  while (pos < text.length) {
    re.lastIndex = pos;
    const m = re.exec(text);
    if (m === null) throw new Error(`opcode table: bad expression '${text}'`);
    const sign = m[1] === '-' ? -1 : 1;
    if (/^\d+$/.test(m[2])) terms.push({ sign, value: Number(m[2]) });
    else terms.push({ sign, field: m[2] as keyof Fields, value: 0 });
    pos = re.lastIndex;
  }
  e = (f: Fields): number => {
    let v = 0;
    for (const t of terms) v += t.sign * (t.field !== undefined ? f[t.field] : t.value);
    return v;
  };
  exprCache.set(text, e);
  return e;
}

interface Range {
  lo: Expr;
  hi: Expr;
  when?: keyof Fields;
  text: string;
}
const rangeCache = new Map<string, Range>();
function compileRange(text: string): Range {
  let r = rangeCache.get(text);
  if (r !== undefined) return r;
  const m = /^(.+?)\.\.(.+?)(?:\s+if\s+(\w+))?$/.exec(text);
  if (m === null) throw new Error(`opcode table: bad register range '${text}'`);
  r = { lo: compileExpr(m[1]), hi: compileExpr(m[2]), when: m[3] as keyof Fields | undefined, text };
  rangeCache.set(text, r);
  return r;
}

function decode(info: OpInfo, ins: number): Fields {
  return { A: getA(ins), B: getB(ins), C: getC(ins), Bx: getBx(ins), sJ: getsJ(ins), Ax: getAx(ins) };
}

/** The raw field values in operand order (for the kind checks). */
function rawOperands(info: OpInfo, f: Fields): number[] {
  switch (info.format) {
    case 'ABC': return [f.A, f.B, f.C];
    case 'ABx': case 'AsBx': return [f.A, f.Bx];
    case 'Ax': case 'sJ': return [f.Ax];
  }
}

const FIELD_NAMES: Record<OpInfo['format'], string[]> = {
  ABC: ['A', 'B', 'C'], ABx: ['A', 'Bx'], AsBx: ['A', 'sBx'], Ax: ['Ax'], sJ: ['sJ'],
};

function where(p: Proto, pc: number): string {
  return `at pc ${pc} of function <${p.linedefined},${p.lastlinedefined}>`;
}

function fail(p: Proto, pc: number, what: string): never {
  throw new BadBinaryFormat(`${what} ${where(p, pc)}`);
}

/**
 * Verify a prototype and all its nested prototypes; `parent` is the enclosing function (none
 * for a main chunk, whose upvalues are fresh). Throws BadBinaryFormat.
 */
export function verifyProto(p: Proto, parent?: Proto): void {
  const fn = `function <${p.linedefined},${p.lastlinedefined}>`;
  const n = p.code.length;
  if (p.maxstacksize > MAX_FRAME) throw new BadBinaryFormat(`frame size ${p.maxstacksize} too large in ${fn}`);
  if (p.numparams > p.maxstacksize) throw new BadBinaryFormat(`more parameters than registers in ${fn}`);
  if (n === 0) throw new BadBinaryFormat(`no code in ${fn}`);
  if (p.lineinfo.length !== 0 && p.lineinfo.length !== n) throw new BadBinaryFormat(`line information size in ${fn}`);
  if (parent !== undefined) {
    for (const u of p.upvalues) {
      if (u.instack ? u.index >= parent.maxstacksize : u.index >= parent.upvalues.length) {
        throw new BadBinaryFormat(`upvalue descriptor out of range in ${fn}`);
      }
    }
  }
  for (const lv of p.locvars) {
    if (lv.startpc > lv.endpc || lv.endpc > n) throw new BadBinaryFormat(`local variable range in ${fn}`);
  }

  const code = p.code;
  const frame = p.maxstacksize;
  const nk = p.constants.length;
  // pass 1: operand words (EXTRAARG owned by the previous instruction) and closing needs
  const operandWord = new Uint8Array(n);
  let needsClose = false;
  for (let pc = 0; pc < n; pc++) {
    const info = OPCODES[getOp(code[pc])] as OpInfo | undefined;
    if (info === undefined) fail(p, pc, `invalid opcode ${getOp(code[pc])}`);
    if (info.canonical !== undefined) fail(p, pc, `non-canonical opcode ${info.name}`);
    if (operandWord[pc] === 0 && info.facts.next !== undefined && pc + 1 < n) {
      const nextInfo = OPCODES[opcodeByName(info.facts.next)!];
      if (nextInfo.facts.operandWord === true) operandWord[pc + 1] = 1;
    }
    if (info.facts.tbc === true) needsClose = true;
    const pi = info.operands.indexOf('P');
    if (pi >= 0) {
      // a closure capturing registers of this frame
      const np = p.protos[rawOperands(info, decode(info, code[pc]))[pi]] as Proto | undefined;
      if (np !== undefined && np.upvalues.some((u) => u.instack)) needsClose = true;
    }
  }

  // pass 2: each instruction, and the control-flow edges
  const preds = new Uint16Array(n); // predecessor counts (saturating), for the stack-top rule
  const addEdge = (pc: number, t: number, what: string): void => {
    if (t < 0 || t >= n) fail(p, pc, `${what} to ${t} outside the function (${n} instructions)`);
    if (operandWord[t] !== 0) fail(p, pc, `${what} to ${t}, the operand of another instruction`);
    if (preds[t] < 0xffff) preds[t]++;
  };
  for (let pc = 0; pc < n; pc++) {
    const ins = code[pc];
    const info = OPCODES[getOp(ins)];
    const facts = info.facts;
    if (operandWord[pc] !== 0) continue; // checked with its owner
    if (facts.operandWord === true) fail(p, pc, `${info.name} without an instruction that needs it`);
    const f = decode(info, ins);
    const raw = rawOperands(info, f);
    info.operands.forEach((kind, i) => {
      const v = raw[i];
      const field = FIELD_NAMES[info.format][i];
      switch (kind) {
        case 'R': if (v >= frame) fail(p, pc, `${info.name}: register ${v} (${field}) outside the frame (${frame} registers)`); break;
        case 'K': if (v >= nk) fail(p, pc, `${info.name}: constant ${v} (${field}) out of range (${nk} constants)`); break;
        case 'U': if (v >= p.upvalues.length) fail(p, pc, `${info.name}: upvalue ${v} out of range (${p.upvalues.length} upvalues)`); break;
        case 'P': if (v >= p.protos.length) fail(p, pc, `${info.name}: function ${v} out of range (${p.protos.length} functions)`); break;
        case 'k': if (v > 1) fail(p, pc, `${info.name}: flag ${field} is ${v}, not 0 or 1`); break;
        case 'f': if (v > 3) fail(p, pc, `${info.name}: flags ${field} are ${v}, not 0 to 3`); break;
        default: break; // I, N, J: any value (jumps are checked as edges); X: ignored
      }
    });
    if (facts.kstr !== undefined && typeof p.constants[f[facts.kstr]] !== 'string') {
      fail(p, pc, `${info.name}: constant ${f[facts.kstr]} is not a string`);
    }
    if (facts.min !== undefined) {
      for (const [field, m] of Object.entries(facts.min) as [keyof Fields, number][]) {
        if (f[field] < m) fail(p, pc, `${info.name}: ${field} is ${f[field]}, less than ${m}`);
      }
    }
    for (const text of facts.regs ?? []) {
      const r = compileRange(text);
      if (r.when !== undefined && f[r.when] === 0) continue;
      const lo = r.lo(f);
      const hi = r.hi(f);
      if (hi >= lo && (lo < 0 || hi >= frame)) fail(p, pc, `${info.name}: registers ${lo}..${hi} outside the frame (${frame} registers)`);
    }
    if (facts.next !== undefined) {
      if (pc + 1 >= n || OPCODES[getOp(code[pc + 1])].name !== facts.next) {
        fail(p, pc, `${info.name} not followed by ${facts.next}`);
      }
      if (facts.extra === 'K' && getAx(code[pc + 1]) >= nk) {
        fail(p, pc, `${info.name}: constant ${getAx(code[pc + 1])} out of range (${nk} constants)`);
      }
    }
    if (facts.pair !== undefined) {
      const t = pc + compileExpr(facts.pair.at)(f);
      if (t < 0 || t >= n || operandWord[t] !== 0 || OPCODES[getOp(code[t])].name !== facts.pair.op || getA(code[t]) !== f.A) {
        fail(p, pc, `${info.name} without its ${facts.pair.op} (at ${t})`);
      }
    }
    if (needsClose && facts.closes !== undefined) {
      if (facts.closes === 'never') fail(p, pc, `${info.name} in a function that must close variables`);
      else if (f[facts.closes] !== 1) fail(p, pc, `${info.name} does not close variables`);
    }
    for (const s of facts.succ ?? ['+1']) {
      const t = pc + compileExpr(s)(f);
      addEdge(pc, t, s === '+1' ? 'falls through' : 'jumps');
    }
  }

  // pass 3: values "up to the top" come from the instruction just before (the only way in)
  for (let pc = 0; pc < n; pc++) {
    if (operandWord[pc] !== 0) continue;
    const ins = code[pc];
    const info = OPCODES[getOp(ins)];
    const topIn = info.facts.topIn;
    if (topIn === undefined || getB(ins) !== 0) continue;
    const prev = pc > 0 && operandWord[pc - 1] === 0 ? code[pc - 1] : undefined;
    const pinfo = prev !== undefined ? OPCODES[getOp(prev)] : undefined;
    const setsTop = pinfo !== undefined &&
      (pinfo.facts.topOut === 'always' || (pinfo.facts.topOut === 'C' && getC(prev!) === 0));
    if (!setsTop) fail(p, pc, `${info.name} uses values up to the top, but the previous instruction does not set it`);
    if (preds[pc] !== 1) fail(p, pc, `${info.name} uses values up to the top and is a jump target`);
    const first = compileExpr(topIn)(decode(info, ins));
    if (getA(prev!) < first) fail(p, pc, `${info.name} uses values up to a top below register ${first}`);
  }

  for (const np of p.protos) verifyProto(np, p);
}
