// The Moonlet instruction set: ONE table that the compiler, interpreter, disassembler, verifier
// and docs/isa.md all read. See docs/isa.md (generated from this table by
// `node dist/bytecode/isa-doc.js`) for the full description of each instruction.
//
// Encoding: one 32-bit word per instruction, stored in an Int32Array.
//
//     bits  0..7    op       (8 bits: 256 opcodes; the base ISA uses < 100, the rest is room
//                              for quickened forms and superinstructions)
//     bits  8..15   A        (8 bits, usually a register)
//     bits 16..23   B        (8 bits)
//     bits 24..31   C        (8 bits)
//     bits 16..31   Bx       (16 bits, unsigned)      sBx = Bx - OFFSET_sBx
//     bits  8..31   Ax       (24 bits, unsigned)      sJ  = Ax - OFFSET_sJ
//     sB = B - OFFSET_sC, sC = C - OFFSET_sC          (8-bit signed immediates, -127..128)
//
// Notation: R[x] register x of the current frame, K[x] constant x, U[x] upvalue x,
// KPROTO[x] nested prototype x. "k" operands are 0/1 flags.

export const enum Op {
  MOVE = 0,
  LOADI,
  LOADF,
  LOADK,
  LOADKX,
  LOADFALSE,
  LFALSESKIP,
  LOADTRUE,
  LOADNIL,
  GETUPVAL,
  SETUPVAL,
  GETTABUP,
  GETTABLE,
  GETI,
  GETFIELD,
  SETTABUP,
  SETTABUPK,
  SETTABLE,
  SETTABLEK,
  SETI,
  SETIK,
  SETFIELD,
  SETFIELDK,
  NEWTABLE,
  SELF,
  ADDI,
  ADDK,
  SUBK,
  MULK,
  MODK,
  POWK,
  DIVK,
  IDIVK,
  BANDK,
  BORK,
  BXORK,
  SHRI,
  SHLI,
  ADD,
  SUB,
  MUL,
  MOD,
  POW,
  DIV,
  IDIV,
  BAND,
  BOR,
  BXOR,
  SHL,
  SHR,
  UNM,
  BNOT,
  NOT,
  LEN,
  CONCAT,
  CLOSE,
  TBC,
  JMP,
  EQ,
  LT,
  LE,
  EQK,
  EQI,
  LTI,
  LEI,
  GTI,
  GEI,
  TEST,
  TESTSET,
  CALL,
  TAILCALL,
  RETURN,
  RETURN0,
  RETURN1,
  FORLOOP,
  FORPREP,
  TFORPREP,
  TFORCALL,
  TFORLOOP,
  SETLIST,
  CLOSURE,
  VARARG,
  VARARGPREP,
  EXTRAARG,
  // ---- quickened forms (never in bytecode files; see QUICK_DESC below) ----
  ADD_F,
  ADD_G,
  SUB_F,
  SUB_G,
  MUL_F,
  MUL_G,
  ADDK_F,
  ADDK_G,
  SUBK_F,
  SUBK_G,
  MULK_F,
  MULK_G,
  LT_F,
  LT_G,
  LE_F,
  LE_G,
}

/** Number of canonical opcodes (the ones a bytecode file may contain): 0 .. NUM_OPCODES-1. */
export const NUM_OPCODES = Op.EXTRAARG + 1;

export type Format = 'ABC' | 'ABx' | 'AsBx' | 'Ax' | 'sJ';

/**
 * Operand kinds, used by the disassembler and the verifier:
 *  R register, K constant, U upvalue, P prototype, I signed immediate (sB/sC/sBx),
 *  N plain number (count, index, size), k 0/1 flag, f flags of an immediate comparison (bit 0
 *  the k flag, bit 1 set when the immediate stands for a float constant), J jump offset
 *  (relative to pc+1), X a field that is not used.
 */
export type Kind = 'R' | 'K' | 'U' | 'P' | 'I' | 'N' | 'k' | 'f' | 'J' | 'X';

export interface OpInfo {
  readonly op: Op;
  readonly name: string;
  readonly format: Format;
  /** Kinds of A, B, C (ABC); of A, Bx (ABx/AsBx); of Ax (Ax); of sJ (sJ). */
  readonly operands: readonly Kind[];
  /** One-line semantics. */
  readonly desc: string;
  /** Facts the verifier (verify.ts) needs beyond the operand kinds. */
  readonly facts: OpFacts;
  /**
   * Set on quickened/specialised forms only: the name of the base opcode the instruction
   * reverts to (same operands). Such forms never reach a bytecode file (canonicalInstruction).
   */
  readonly canonical?: string;
}

/**
 * Per-opcode facts for the bytecode verifier (all optional). Expressions are sums of the
 * decoded fields A, B, C, Bx, sJ, Ax and integers, e.g. "A+B-1". A new canonical opcode must
 * state every fact that applies to it (an opcode without facts is verified as a plain
 * instruction that falls through); tests/unit/bytecode.test.js cross-checks them against the
 * descriptions. Quickened forms (`canonical` set) need none: files never contain them.
 */
export interface OpFacts {
  /** Successor pcs relative to this pc (default ["+1"]); [] never falls through (returns). */
  readonly succ?: readonly string[];
  /** The next instruction must be this opcode (an operand word, a JMP, TFORLOOP...). */
  readonly next?: string;
  /** With next = EXTRAARG: its Ax is a constant index (K) or a plain number (N). */
  readonly extra?: 'K' | 'N';
  /** Register ranges used beyond the R operands: "lo..hi", or "lo..hi if F" (only when field F is not 0). */
  readonly regs?: readonly string[];
  /** Field that must name a string constant. */
  readonly kstr?: 'B' | 'C';
  /** Minimum values of fields. */
  readonly min?: Readonly<Partial<Record<'A' | 'B' | 'C', number>>>;
  /** When B is 0: reads the registers from this expression up to the top set by the previous instruction. */
  readonly topIn?: string;
  /** Sets the top (variable results from R[A]): when C is 0, or always (a tail call's fall-through). */
  readonly topOut?: 'C' | 'always';
  /** Valid only as the required successor ("next") of the previous instruction. */
  readonly operandWord?: boolean;
  /** The loop instruction this one pairs with: at pc + `at` there must be `op` with the same A. */
  readonly pair?: { readonly at: string; readonly op: string };
  /** Makes a to-be-closed variable: the function must close on return. */
  readonly tbc?: boolean;
  /** A return: the field that asks to close upvalues/to-be-closed variables first, or 'never'. */
  readonly closes?: 'C' | 'never';
}

/** Comparisons and tests: the next instruction is their JMP, taken or skipped. */
const TEST_JMP: OpFacts = { next: 'JMP', succ: ['+1', '+2'] };

function op(op: Op, name: string, format: Format, operands: string, desc: string, facts: OpFacts = {}): OpInfo {
  return { op, name, format, operands: operands.split(' ') as Kind[], desc, facts };
}

/**
 * Quickened forms (vm/quicken.ts). A canonical ADD, SUB, MUL, ADDK, SUBK, MULK, LT or LE does
 * int32 operands itself; the first time it sees other operands it rewrites itself in place
 * (Proto.code) to
 *   _F  "float": both operands numbers (integers, floats, boxed integral floats), no metamethods;
 *       when the guard fails (another kind of value) it rewrites itself to _G;
 *   _G  generic: the canonical instruction's full behaviour, never quickened again.
 * So an instruction is rewritten at most twice. A quickened form has the same operands and
 * meaning as its canonical opcode; bytecode files hold canonical opcodes only.
 */
const QUICK_DESC: Record<string, string> = {
  F: 'quickened for number operands (floats seen); guard: else becomes _G',
  G: 'quickened generic form (non-number operands seen), stays',
};
function quick(o: Op, canonical: Op, form: 'F' | 'G'): OpInfo {
  const c = BASE_OPCODES[canonical];
  return { op: o, name: `${c.name}_${form}`, format: c.format, operands: c.operands, desc: `${c.name}, ${QUICK_DESC[form]}`, facts: c.facts, canonical: c.name };
}
const BASE_OPCODES: readonly OpInfo[] = [
  op(Op.MOVE, 'MOVE', 'ABC', 'R R X', 'R[A] := R[B]'),
  op(Op.LOADI, 'LOADI', 'AsBx', 'R I', 'R[A] := sBx (an integer)'),
  op(Op.LOADF, 'LOADF', 'AsBx', 'R I', 'R[A] := (float)sBx'),
  op(Op.LOADK, 'LOADK', 'ABx', 'R K', 'R[A] := K[Bx]'),
  op(Op.LOADKX, 'LOADKX', 'ABx', 'R X', 'R[A] := K[Ax of the next instruction, which is EXTRAARG]', { next: 'EXTRAARG', extra: 'K', succ: ['+2'] }),
  op(Op.LOADFALSE, 'LOADFALSE', 'ABC', 'R X X', 'R[A] := false'),
  op(Op.LFALSESKIP, 'LFALSESKIP', 'ABC', 'R X X', 'R[A] := false; pc++ (skip the next instruction)', { succ: ['+2'] }),
  op(Op.LOADTRUE, 'LOADTRUE', 'ABC', 'R X X', 'R[A] := true'),
  op(Op.LOADNIL, 'LOADNIL', 'ABC', 'R N X', 'R[A], R[A+1], ..., R[A+B] := nil', { regs: ['A..A+B'] }),
  op(Op.GETUPVAL, 'GETUPVAL', 'ABC', 'R U X', 'R[A] := U[B]'),
  op(Op.SETUPVAL, 'SETUPVAL', 'ABC', 'R U X', 'U[B] := R[A]'),
  op(Op.GETTABUP, 'GETTABUP', 'ABC', 'R U K', 'R[A] := U[B][K[C]] (K[C] is a string)', { kstr: 'C' }),
  op(Op.GETTABLE, 'GETTABLE', 'ABC', 'R R R', 'R[A] := R[B][R[C]]'),
  op(Op.GETI, 'GETI', 'ABC', 'R R N', 'R[A] := R[B][C] (C an integer 0..255)'),
  op(Op.GETFIELD, 'GETFIELD', 'ABC', 'R R K', 'R[A] := R[B][K[C]] (K[C] is a string)', { kstr: 'C' }),
  op(Op.SETTABUP, 'SETTABUP', 'ABC', 'U K R', 'U[A][K[B]] := R[C] (K[B] is a string)', { kstr: 'B' }),
  op(Op.SETTABUPK, 'SETTABUPK', 'ABC', 'U K K', 'U[A][K[B]] := K[C] (K[B] is a string)', { kstr: 'B' }),
  op(Op.SETTABLE, 'SETTABLE', 'ABC', 'R R R', 'R[A][R[B]] := R[C]'),
  op(Op.SETTABLEK, 'SETTABLEK', 'ABC', 'R R K', 'R[A][R[B]] := K[C]'),
  op(Op.SETI, 'SETI', 'ABC', 'R N R', 'R[A][B] := R[C] (B an integer 0..255)'),
  op(Op.SETIK, 'SETIK', 'ABC', 'R N K', 'R[A][B] := K[C] (B an integer 0..255)'),
  op(Op.SETFIELD, 'SETFIELD', 'ABC', 'R K R', 'R[A][K[B]] := R[C] (K[B] is a string)', { kstr: 'B' }),
  op(Op.SETFIELDK, 'SETFIELDK', 'ABC', 'R K K', 'R[A][K[B]] := K[C] (K[B] is a string)', { kstr: 'B' }),
  op(Op.NEWTABLE, 'NEWTABLE', 'ABC', 'R N N', 'R[A] := {} with size hints: B array items, C hash items (each capped at 255)'),
  op(Op.SELF, 'SELF', 'ABC', 'R R K', 'R[A+1] := R[B]; R[A] := R[B][K[C]] (K[C] is a string)', { kstr: 'C', regs: ['A..A+1'] }),
  op(Op.ADDI, 'ADDI', 'ABC', 'R R I', 'R[A] := R[B] + sC'),
  op(Op.ADDK, 'ADDK', 'ABC', 'R R K', 'R[A] := R[B] + K[C] (K[C] is a number)'),
  op(Op.SUBK, 'SUBK', 'ABC', 'R R K', 'R[A] := R[B] - K[C] (K[C] is a number)'),
  op(Op.MULK, 'MULK', 'ABC', 'R R K', 'R[A] := R[B] * K[C] (K[C] is a number)'),
  op(Op.MODK, 'MODK', 'ABC', 'R R K', 'R[A] := R[B] % K[C] (K[C] is a number)'),
  op(Op.POWK, 'POWK', 'ABC', 'R R K', 'R[A] := R[B] ^ K[C] (K[C] is a number)'),
  op(Op.DIVK, 'DIVK', 'ABC', 'R R K', 'R[A] := R[B] / K[C] (K[C] is a number)'),
  op(Op.IDIVK, 'IDIVK', 'ABC', 'R R K', 'R[A] := R[B] // K[C] (K[C] is a number)'),
  op(Op.BANDK, 'BANDK', 'ABC', 'R R K', 'R[A] := R[B] & K[C] (K[C] is an integer)'),
  op(Op.BORK, 'BORK', 'ABC', 'R R K', 'R[A] := R[B] | K[C] (K[C] is an integer)'),
  op(Op.BXORK, 'BXORK', 'ABC', 'R R K', 'R[A] := R[B] ~ K[C] (K[C] is an integer)'),
  op(Op.SHRI, 'SHRI', 'ABC', 'R R I', 'R[A] := R[B] >> sC'),
  op(Op.SHLI, 'SHLI', 'ABC', 'R R I', 'R[A] := sC << R[B]'),
  op(Op.ADD, 'ADD', 'ABC', 'R R R', 'R[A] := R[B] + R[C]'),
  op(Op.SUB, 'SUB', 'ABC', 'R R R', 'R[A] := R[B] - R[C]'),
  op(Op.MUL, 'MUL', 'ABC', 'R R R', 'R[A] := R[B] * R[C]'),
  op(Op.MOD, 'MOD', 'ABC', 'R R R', 'R[A] := R[B] % R[C]'),
  op(Op.POW, 'POW', 'ABC', 'R R R', 'R[A] := R[B] ^ R[C]'),
  op(Op.DIV, 'DIV', 'ABC', 'R R R', 'R[A] := R[B] / R[C]'),
  op(Op.IDIV, 'IDIV', 'ABC', 'R R R', 'R[A] := R[B] // R[C]'),
  op(Op.BAND, 'BAND', 'ABC', 'R R R', 'R[A] := R[B] & R[C]'),
  op(Op.BOR, 'BOR', 'ABC', 'R R R', 'R[A] := R[B] | R[C]'),
  op(Op.BXOR, 'BXOR', 'ABC', 'R R R', 'R[A] := R[B] ~ R[C]'),
  op(Op.SHL, 'SHL', 'ABC', 'R R R', 'R[A] := R[B] << R[C]'),
  op(Op.SHR, 'SHR', 'ABC', 'R R R', 'R[A] := R[B] >> R[C]'),
  op(Op.UNM, 'UNM', 'ABC', 'R R X', 'R[A] := -R[B]'),
  op(Op.BNOT, 'BNOT', 'ABC', 'R R X', 'R[A] := ~R[B]'),
  op(Op.NOT, 'NOT', 'ABC', 'R R X', 'R[A] := not R[B]'),
  op(Op.LEN, 'LEN', 'ABC', 'R R X', 'R[A] := #R[B] (length operator)'),
  op(Op.CONCAT, 'CONCAT', 'ABC', 'R N X', 'R[A] := R[A] .. ... .. R[A+B-1] (B >= 2); may clobber R[A+1..A+B-1]', { regs: ['A..A+B-1'], min: { B: 2 } }),
  op(Op.CLOSE, 'CLOSE', 'ABC', 'R X X', 'close upvalues and to-be-closed variables in R[A] and above'),
  op(Op.TBC, 'TBC', 'ABC', 'R X X', 'mark R[A] as a to-be-closed variable', { tbc: true }),
  op(Op.JMP, 'JMP', 'sJ', 'J', 'pc += sJ', { succ: ['+1+sJ'] }),
  op(Op.EQ, 'EQ', 'ABC', 'R R k', 'if ((R[A] == R[B]) ~= k) then pc++', TEST_JMP),
  op(Op.LT, 'LT', 'ABC', 'R R k', 'if ((R[A] < R[B]) ~= k) then pc++', TEST_JMP),
  op(Op.LE, 'LE', 'ABC', 'R R k', 'if ((R[A] <= R[B]) ~= k) then pc++', TEST_JMP),
  op(Op.EQK, 'EQK', 'ABC', 'R K k', 'if ((R[A] == K[B]) ~= k) then pc++', TEST_JMP),
  op(Op.EQI, 'EQI', 'ABC', 'R I f', 'if ((R[A] == sB) ~= k) then pc++', TEST_JMP),
  op(Op.LTI, 'LTI', 'ABC', 'R I f', 'if ((R[A] < sB) ~= k) then pc++', TEST_JMP),
  op(Op.LEI, 'LEI', 'ABC', 'R I f', 'if ((R[A] <= sB) ~= k) then pc++', TEST_JMP),
  op(Op.GTI, 'GTI', 'ABC', 'R I f', 'if ((R[A] > sB) ~= k) then pc++', TEST_JMP),
  op(Op.GEI, 'GEI', 'ABC', 'R I f', 'if ((R[A] >= sB) ~= k) then pc++', TEST_JMP),
  op(Op.TEST, 'TEST', 'ABC', 'R k X', 'if (not R[A] == B) then pc++   (B is the flag k)', TEST_JMP),
  op(Op.TESTSET, 'TESTSET', 'ABC', 'R R k', 'if (not R[B] == C) then pc++ else R[A] := R[B]   (C is the flag k)', TEST_JMP),
  op(Op.CALL, 'CALL', 'ABC', 'R N N',
    'R[A], ..., R[A+C-2] := R[A](R[A+1], ..., R[A+B-1]); B=0: arguments up to top; C=0: keep all results (sets top)', { regs: ['A..A+B-1 if B', 'A..A+C-2 if C'], topIn: 'A+1', topOut: 'C' }),
  op(Op.TAILCALL, 'TAILCALL', 'ABC', 'R N k',
    'return R[A](R[A+1], ..., R[A+B-1]); B=0: arguments up to top; C=1: close upvalues/tbc first', { regs: ['A..A+B-1 if B'], topIn: 'A+1', topOut: 'always', next: 'RETURN', closes: 'C' }),
  op(Op.RETURN, 'RETURN', 'ABC', 'R N k',
    'return R[A], ..., R[A+B-2]; B=0: values up to top; C=1: close upvalues/tbc first', { regs: ['A..A+B-2 if B'], topIn: 'A', succ: [], closes: 'C' }),
  op(Op.RETURN0, 'RETURN0', 'ABC', 'X X X', 'return (no values, nothing to close)', { succ: [], closes: 'never' }),
  op(Op.RETURN1, 'RETURN1', 'ABC', 'R X X', 'return R[A] (one value, nothing to close)', { succ: [], closes: 'never' }),
  op(Op.FORLOOP, 'FORLOOP', 'ABx', 'R N',
    'numeric for: advance; if the loop continues then { R[A+3] := index; pc -= Bx }', { regs: ['A..A+3'], succ: ['+1', '+1-Bx'], pair: { at: '-Bx', op: 'FORPREP' } }),
  op(Op.FORPREP, 'FORPREP', 'ABx', 'R N',
    'numeric for: check and prepare R[A] (init), R[A+1] (limit), R[A+2] (step); if the loop does not run then pc += Bx + 1 else R[A+3] := init', { regs: ['A..A+3'], succ: ['+1', '+2+Bx'], pair: { at: '+1+Bx', op: 'FORLOOP' } }),
  op(Op.TFORPREP, 'TFORPREP', 'ABx', 'R N', 'generic for: mark R[A+3] to be closed; pc += Bx (jump to TFORCALL)', { regs: ['A..A+3'], succ: ['+1+Bx'], tbc: true, pair: { at: '+1+Bx', op: 'TFORCALL' } }),
  op(Op.TFORCALL, 'TFORCALL', 'ABC', 'R X N', 'R[A+4], ..., R[A+3+C] := R[A](R[A+1], R[A+2])', { regs: ['A..A+3+C'], next: 'TFORLOOP' }),
  op(Op.TFORLOOP, 'TFORLOOP', 'ABx', 'R N', 'if R[A+4] ~= nil then { R[A+2] := R[A+4]; pc -= Bx }', { regs: ['A..A+4'], succ: ['+1', '+1-Bx'], pair: { at: '-Bx', op: 'TFORPREP' } }),
  op(Op.SETLIST, 'SETLIST', 'ABC', 'R N X',
    'R[A][off+i] := R[A+i], 1 <= i <= B; B=0: up to top; off is Ax of the next instruction (always EXTRAARG)', { regs: ['A..A+B if B'], topIn: 'A+1', next: 'EXTRAARG', extra: 'N', succ: ['+2'] }),
  op(Op.CLOSURE, 'CLOSURE', 'ABx', 'R P', 'R[A] := closure(KPROTO[Bx])'),
  op(Op.VARARG, 'VARARG', 'ABC', 'R X N', 'R[A], ..., R[A+C-2] := vararg; C=0: all of them (sets top)', { regs: ['A..A+C-2 if C'], topOut: 'C' }),
  op(Op.VARARGPREP, 'VARARGPREP', 'ABC', 'N X X', 'entry of a vararg function with A fixed parameters: save the extra arguments'),
  op(Op.EXTRAARG, 'EXTRAARG', 'Ax', 'N', 'extra (larger) argument for the previous instruction', { operandWord: true }),
];

export const OPCODES: readonly OpInfo[] = [
  ...BASE_OPCODES,
  // ---- quickened forms (canonical set): made by the interpreter, never in a bytecode file ----
  quick(Op.ADD_F, Op.ADD, 'F'),
  quick(Op.ADD_G, Op.ADD, 'G'),
  quick(Op.SUB_F, Op.SUB, 'F'),
  quick(Op.SUB_G, Op.SUB, 'G'),
  quick(Op.MUL_F, Op.MUL, 'F'),
  quick(Op.MUL_G, Op.MUL, 'G'),
  quick(Op.ADDK_F, Op.ADDK, 'F'),
  quick(Op.ADDK_G, Op.ADDK, 'G'),
  quick(Op.SUBK_F, Op.SUBK, 'F'),
  quick(Op.SUBK_G, Op.SUBK, 'G'),
  quick(Op.MULK_F, Op.MULK, 'F'),
  quick(Op.MULK_G, Op.MULK, 'G'),
  quick(Op.LT_F, Op.LT, 'F'),
  quick(Op.LT_G, Op.LT, 'G'),
  quick(Op.LE_F, Op.LE, 'F'),
  quick(Op.LE_G, Op.LE, 'G'),
];

for (let i = 0; i < OPCODES.length; i++) {
  if (OPCODES[i].op !== i) throw new Error(`opcode table out of order at ${OPCODES[i].name}`);
}

/** Opcode number of a name in the table (undefined if unknown). */
export function opcodeByName(name: string): Op | undefined {
  return OPCODE_BY_NAME.get(name);
}
const OPCODE_BY_NAME = new Map<string, Op>(OPCODES.map((o) => [o.name, o.op]));

/**
 * The canonical form of an instruction: quickened/specialised opcodes (OpInfo.canonical) revert
 * to their base opcode with the same operands; canonical instructions are returned unchanged.
 * The bytecode dumper writes every instruction through this function.
 */
export function canonicalInstruction(ins: number): number {
  const info = OPCODES[ins & 0xff] as OpInfo | undefined;
  if (info === undefined || info.canonical === undefined) return ins;
  return ((ins & ~0xff) | OPCODE_BY_NAME.get(info.canonical)!) | 0;
}

/** CANONICAL_OP[op]: the canonical opcode of op (op itself for canonical opcodes). */
export const CANONICAL_OP = new Uint8Array(256);
for (let o = 0; o < 256; o++) CANONICAL_OP[o] = o;
for (const info of OPCODES) if (info.canonical !== undefined) CANONICAL_OP[info.op] = OPCODE_BY_NAME.get(info.canonical)!;

export const OFFSET_sBx = 32767; // sBx range -32767..32768
export const OFFSET_sJ = 8388607; // sJ range -(2^23-1)..2^23
export const OFFSET_sC = 127; // sB/sC range -127..128
export const MAX_A = 255;
export const MAX_B = 255;
export const MAX_C = 255;
export const MAX_Bx = 65535;
export const MAX_Ax = 16777215;

// ---- encoding helpers (the interpreter decodes inline with the same shifts) -------------------

export function encABC(o: Op, a: number, b: number, c: number): number {
  return (o | (a << 8) | (b << 16) | (c << 24)) | 0;
}
export function encABx(o: Op, a: number, bx: number): number {
  return (o | (a << 8) | (bx << 16)) | 0;
}
export function encAsBx(o: Op, a: number, sbx: number): number {
  return encABx(o, a, sbx + OFFSET_sBx);
}
export function encAx(o: Op, ax: number): number {
  return (o | (ax << 8)) | 0;
}
export function encsJ(o: Op, sj: number): number {
  return encAx(o, sj + OFFSET_sJ);
}

export const getOp = (i: number): Op => i & 0xff;
export const getA = (i: number): number => (i >>> 8) & 0xff;
export const getB = (i: number): number => (i >>> 16) & 0xff;
export const getC = (i: number): number => i >>> 24;
export const getBx = (i: number): number => i >>> 16;
export const getsBx = (i: number): number => (i >>> 16) - OFFSET_sBx;
export const getAx = (i: number): number => i >>> 8;
export const getsJ = (i: number): number => (i >>> 8) - OFFSET_sJ;
export const getsB = (i: number): number => ((i >>> 16) & 0xff) - OFFSET_sC;
export const getsC = (i: number): number => (i >>> 24) - OFFSET_sC;
