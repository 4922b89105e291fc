// Quickening (see bytecode/opcodes.ts, "Quickened forms"). A canonical ADD, SUB, MUL, ADDK, SUBK,
// MULK, LT or LE handles int32 operands itself; on other operands it calls `quicken`, which
// rewrites the instruction in place (Proto.code) to its _F form (number operands) or _G form
// (anything else), and re-dispatches. An _F form whose guard fails calls `quicken` again and
// becomes _G. Why: V8 collects type feedback per JS operation of `execute`, so one `x + y` for
// all Lua additions sees Smis and HeapNumbers and compiles the mixed path; with the int32 case,
// the float case and the generic case in separate `case`s, each `+` (and `<`) stays
// monomorphic.
//
// Type feedback for the JIT: the opcode itself (canonical: only int32 operands seen so far, or
// never run; _F: numbers; _G: other values), and Proto.feedback[pc], the union of the operand
// kinds seen at each rewrite. Both are written only on these slow paths.
//
// Readers of Proto.code that care about meaning map opcodes through CANONICAL_OP (finishOp,
// vm/debuginfo.ts); the dumper writes canonical instructions (canonicalInstruction).

import { Op } from '../bytecode/opcodes.js';
import type { Proto } from '../bytecode/proto.js';
import { LuaFloat, type LuaValue } from '../runtime/value.js';

/** Operand kinds in Proto.feedback. */
export const KIND_INT = 1; // an int32 integer
export const KIND_NUM = 2; // another number: float, boxed integral float, integer beyond int32
export const KIND_OTHER = 4; // anything else (strings, tables, nil, bigint integers...)

function kindOf(v: LuaValue): number {
  if (typeof v === 'number') return (v | 0) === v ? KIND_INT : KIND_NUM;
  return v instanceof LuaFloat ? KIND_NUM : KIND_OTHER;
}

/** [number form, generic form] of each quickenable canonical opcode. */
const FORMS: (readonly [number, number] | undefined)[] = [];
FORMS[Op.ADD] = [Op.ADD_F, Op.ADD_G];
FORMS[Op.SUB] = [Op.SUB_F, Op.SUB_G];
FORMS[Op.MUL] = [Op.MUL_F, Op.MUL_G];
FORMS[Op.ADDK] = [Op.ADDK_F, Op.ADDK_G];
FORMS[Op.SUBK] = [Op.SUBK_F, Op.SUBK_G];
FORMS[Op.MULK] = [Op.MULK_F, Op.MULK_G];
FORMS[Op.LT] = [Op.LT_F, Op.LT_G];
FORMS[Op.LE] = [Op.LE_F, Op.LE_G];
const BASE: number[] = [];
for (let o = 0; o < FORMS.length; o++) {
  const f = FORMS[o];
  if (f !== undefined) BASE[f[0]] = BASE[f[1]] = o;
}

/**
 * Rewrite the instruction at pc (a canonical quickenable opcode or an _F form) to the form that
 * fits the kinds of its operands now and before; returns the new instruction.
 */
export function quicken(p: Proto, pc: number, stack: LuaValue[], base: number): number {
  const ins = p.code[pc];
  const op = ins & 0xff;
  const canon = BASE[op] ?? op;
  const forms = FORMS[canon]!;
  const b = (ins >>> 16) & 0xff;
  let kinds: number;
  switch (canon) {
    case Op.ADD: case Op.SUB: case Op.MUL:
      kinds = kindOf(stack[base + b]) | kindOf(stack[base + (ins >>> 24)]);
      break;
    case Op.ADDK: case Op.SUBK: case Op.MULK:
      kinds = kindOf(stack[base + b]) | kindOf(p.constants[ins >>> 24]);
      break;
    default: // LT, LE
      kinds = kindOf(stack[base + ((ins >>> 8) & 0xff)]) | kindOf(stack[base + b]);
  }
  if (p.feedback.length !== p.code.length) p.feedback = new Uint8Array(p.code.length);
  kinds |= p.feedback[pc];
  p.feedback[pc] = kinds;
  let q = (kinds & KIND_OTHER) !== 0 ? forms[1] : forms[0];
  if (q === op) q = forms[1]; // (a failed guard must not pick the same form again)
  const r = ((ins & ~0xff) | q) | 0;
  p.code[pc] = r;
  return r;
}
