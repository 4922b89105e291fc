// Disassembler: a readable listing of a Proto, in the spirit of `luac -l -l`.
//
// Operands are decoded from the OPCODES table (format + operand kinds), so a new opcode is
// listed correctly as soon as it is in the table. Program counters are 0-based (as in
// Proto.lineinfo, Proto.locvars and the interpreter); jump targets are absolute pcs.

import {
  OPCODES, OFFSET_sC, getOp, getA, getB, getC, getBx, getsBx, getAx, getsJ, type Kind, type OpInfo,
} from './opcodes.js';
import type { Proto } from './proto.js';
import { LuaFloat, type LuaValue } from '../runtime/value.js';
import { numberToString } from '../runtime/number.js';
import { chunkId } from '../runtime/chunkid.js';

export interface DisasmOptions {
  /** Also list nested functions (default true). */
  nested?: boolean;
}

export function disassemble(p: Proto, opts: DisasmOptions = {}): string {
  const out: string[] = [];
  listFunction(p, opts.nested ?? true, out);
  return out.join('\n') + '\n';
}

/** Decode one instruction: "NAME<pad>\toperands[\t; comment]". */
export function disassembleInstruction(p: Proto, pc: number): string {
  const inst = p.code[pc];
  const info = OPCODES[getOp(inst)] as OpInfo | undefined;
  if (info === undefined) return `<invalid opcode ${getOp(inst)}>`;
  const fields = decodeFields(info, inst);
  const shown: string[] = [];
  const notes: string[] = [];
  for (let i = 0; i < info.operands.length; i++) {
    const kind = info.operands[i];
    if (kind === 'X') continue;
    const v = fields[i];
    shown.push(String(v));
    const note = operandNote(p, pc, kind, v);
    if (note !== null) notes.push(note);
  }
  const extra = opcodeNote(p, pc, info, inst);
  if (extra !== null) notes.push(extra);
  let line = `${info.name.padEnd(9)}\t${shown.join(' ')}`;
  if (notes.length > 0) line += `\t; ${notes.join(' ')}`;
  return line;
}

/** Field values in operand order; signed kinds already decoded. */
function decodeFields(info: OpInfo, inst: number): number[] {
  const k = info.operands;
  switch (info.format) {
    case 'ABC': {
      const raw = [getA(inst), getB(inst), getC(inst)];
      return raw.map((v, i) => (k[i] === 'I' ? v - OFFSET_sC : v));
    }
    case 'ABx': return [getA(inst), getBx(inst)];
    case 'AsBx': return [getA(inst), getsBx(inst)];
    case 'Ax': return [getAx(inst)];
    case 'sJ': return [getsJ(inst)];
  }
}

/** Trailing comment for an operand: constant values, upvalue names, jump targets. */
function operandNote(p: Proto, pc: number, kind: Kind, v: number): string | null {
  switch (kind) {
    case 'K': return v < p.constants.length ? constantToString(p.constants[v]) : '?';
    case 'U': return p.upvalues[v]?.name || '?';
    case 'P': {
      const np = p.protos[v];
      return np === undefined ? '?' : `function <${np.linedefined},${np.lastlinedefined}>`;
    }
    case 'J': return `to ${pc + 1 + v}`;
    default: return null;
  }
}

/** Comments that need to know an opcode's behaviour (the only per-opcode knowledge here). */
function opcodeNote(p: Proto, pc: number, info: OpInfo, inst: number): string | null {
  const next = pc + 1 < p.code.length ? p.code[pc + 1] : 0;
  switch (info.name) {
    case 'LOADKX': {
      const k = getAx(next);
      return k < p.constants.length ? constantToString(p.constants[k]) : '?';
    }
    case 'FORPREP': return `exit to ${pc + getBx(inst) + 2}`;
    case 'FORLOOP': return `to ${pc + 1 - getBx(inst)}`;
    case 'TFORPREP': return `to ${pc + 1 + getBx(inst)}`;
    case 'TFORLOOP': return `to ${pc + 1 - getBx(inst)}`;
    case 'CALL': return `${count(getB(inst) - 1, 'in')} ${count(getC(inst) - 1, 'out')}`;
    case 'TAILCALL': return count(getB(inst) - 1, 'in');
    case 'RETURN': return count(getB(inst) - 1, 'out');
    case 'VARARG': return count(getC(inst) - 1, 'out');
    case 'SETLIST': return `${getB(inst) === 0 ? 'up to top' : getB(inst)} from ${getAx(next) + 1}`;
    case 'EQI': case 'LTI': case 'LEI': case 'GTI': case 'GEI':
      return (getC(inst) & 2) !== 0 ? `${getB(inst) - OFFSET_sC}.0` : null; // a float immediate
    default: return null;
  }
}

function count(n: number, what: string): string {
  return n < 0 ? `all ${what}` : `${n} ${what}`;
}

/** A constant as luac shows it: strings quoted and escaped, floats with ".0" when integral. */
export function constantToString(v: LuaValue): string {
  if (typeof v === 'string') return quoteString(v);
  if (v === undefined) return 'nil';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number' || typeof v === 'bigint' || v instanceof LuaFloat) return numberToString(v);
  return '?';
}

function quoteString(s: string): string {
  let r = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 0x22: r += '\\"'; break;
      case 0x5c: r += '\\\\'; break;
      case 0x07: r += '\\a'; break;
      case 0x08: r += '\\b'; break;
      case 0x0c: r += '\\f'; break;
      case 0x0a: r += '\\n'; break;
      case 0x0d: r += '\\r'; break;
      case 0x09: r += '\\t'; break;
      case 0x0b: r += '\\v'; break;
      default:
        r += c >= 0x20 && c < 0x7f ? s[i] : `\\${String(c).padStart(3, '0')}`;
    }
  }
  return r + '"';
}

function typeTag(v: LuaValue): string {
  if (typeof v === 'string') return 'S';
  if (v === undefined) return 'N';
  if (typeof v === 'boolean') return 'B';
  if (typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v))) return 'I';
  return 'F';
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function listFunction(p: Proto, nested: boolean, out: string[]): void {
  const what = p.linedefined === 0 ? 'main' : 'function';
  out.push(`${what} <${chunkId(p.source)}:${p.linedefined},${p.lastlinedefined}> (${plural(p.code.length, 'instruction')})`);
  out.push(`${p.numparams}${p.isVararg ? '+' : ''} param${p.numparams === 1 && !p.isVararg ? '' : 's'}, ` +
    `${plural(p.maxstacksize, 'slot')}, ${plural(p.upvalues.length, 'upvalue')}, ` +
    `${plural(p.locvars.length, 'local')}, ${plural(p.constants.length, 'constant')}, ` +
    `${plural(p.protos.length, 'function')}`);
  for (let pc = 0; pc < p.code.length; pc++) {
    out.push(`\t${pc}\t[${p.lineinfo[pc] ?? '-'}]\t${disassembleInstruction(p, pc)}`);
  }
  out.push(`constants (${p.constants.length}):`);
  p.constants.forEach((k, i) => out.push(`\t${i}\t${typeTag(k)}\t${constantToString(k)}`));
  out.push(`locals (${p.locvars.length}):`);
  p.locvars.forEach((l, i) => out.push(`\t${i}\t${l.name}\t${l.startpc}\t${l.endpc}`));
  out.push(`upvalues (${p.upvalues.length}):`);
  p.upvalues.forEach((u, i) => out.push(`\t${i}\t${u.name}\t${u.instack ? 1 : 0}\t${u.index}`));
  if (nested) {
    for (const np of p.protos) {
      out.push('');
      listFunction(np, true, out);
    }
  }
}
