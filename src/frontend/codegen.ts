// Code generation for one function: the equivalent of PUC-Lua's lcode.c, adapted to Moonlet's
// ISA (bytecode/opcodes.ts). The AST walker (compiler.ts) drives it with expression
// descriptors (`ExpDesc`): a value may still be a constant, sit in a register, be a pending
// instruction whose destination register is chosen later (RELOC), an indexed access not yet
// emitted, a call with open results, or a condition represented by jump lists.
//
// Differences from lcode.c, all forced by the ISA:
//   - there are no MMBIN* instructions: arithmetic instructions call metamethods themselves, so
//     operands are never swapped (`1 + x` is not `x + 1` for __add) and `x - 1` is SUBK, not
//     ADDI with -1 (which would call __add);
//   - immediate operands of comparisons (EQI, LTI, ...) are integers; a float constant with an
//     integral value (`x > 4.0`) sets bit 1 of C (lua5.4's isfloat) instead of a constant load;
//   - store instructions have separate K forms (SETFIELDK...) instead of a k bit;
//   - SELF takes only a constant key; NEWTABLE takes plain (capped) size hints;
//   - RETURN/TAILCALL carry only the close flag (C), vararg frames are the interpreter's
//     business, and RETURN0/RETURN1 are kept in vararg functions.

import {
  Op, OPCODES, OFFSET_sBx, OFFSET_sC, OFFSET_sJ, MAX_A, MAX_Bx, MAX_C, MAX_Ax,
  encABC, encABx, encAsBx, encAx, encsJ, getOp, getA, getB, getC, getsJ,
} from '../bytecode/opcodes.js';
import { Proto } from '../bytecode/proto.js';
import { LuaException } from '../runtime/error.js';
import { LuaFloat, type LuaValue } from '../runtime/value.js';
import {
  isInteger, toBitInteger, numAdd, numSub, numMul, numDiv, numPow, numIdiv, numMod, numUnm,
  i64Band, i64Bor, i64Bxor, i64Shl, i64Shr, i64Bnot, type LuaInteger,
} from '../runtime/number.js';

export const NO_JUMP = -1;
/** "No register yet" for TESTSET's destination (patched later). */
export const NO_REG = MAX_A;
/** Registers per function (maxstacksize < MAXREGS). */
export const MAXREGS = 255;
/** Largest constant index usable as an 8-bit K operand. */
export const MAXINDEXRK = MAX_C;

/** Kinds of expression descriptors (lparser.h expkind). */
export const enum EK {
  VOID, // empty expression list / no value
  NIL,
  TRUE,
  FALSE,
  K, // constant; info = index in the constant table
  KFLT, // float constant; value
  KINT, // integer constant; value
  KSTR, // string constant not yet in the table; value
  NONRELOC, // value in a fixed register; info = register
  LOCAL, // local variable; ridx = register, vidx = index among active variables
  UPVAL, // upvalue; info = upvalue index
  CONST, // compile-time <const> variable; info = absolute index in the active-variable list
  INDEXED, // t[k], both in registers; indT, indIdx registers
  INDEXUP, // upvalue[K string]; indT upvalue, indIdx constant
  INDEXI, // t[int 0..255]; indT register, indIdx the integer
  INDEXSTR, // t[K string]; indT register, indIdx constant
  JMP, // a condition; info = pc of the JMP after the test instruction
  RELOC, // result of the instruction at info, whose A is not set yet
  CALL, // open call; info = pc of CALL
  VARARG, // open vararg; info = pc of VARARG
}

export class ExpDesc {
  k: EK = EK.VOID;
  info = 0;
  /** KINT/KFLT: the number; KSTR: the string. */
  value: LuaValue = undefined;
  ridx = 0;
  vidx = 0;
  indT = 0;
  indIdx = 0;
  /** Patch list of "exit when true". */
  t = NO_JUMP;
  /** Patch list of "exit when false". */
  f = NO_JUMP;
  /** Source line for instructions emitted when this expression is discharged later. */
  line = 0;

  static of(k: EK, info: number, line: number): ExpDesc {
    const e = new ExpDesc();
    e.k = k;
    e.info = info;
    e.line = line;
    return e;
  }

  copyFrom(o: ExpDesc): void {
    this.k = o.k;
    this.info = o.info;
    this.value = o.value;
    this.ridx = o.ridx;
    this.vidx = o.vidx;
    this.indT = o.indT;
    this.indIdx = o.indIdx;
    this.t = o.t;
    this.f = o.f;
    this.line = o.line;
  }
}

export const hasJumps = (e: ExpDesc): boolean => e.t !== e.f;
export const hasMultRet = (k: EK): boolean => k === EK.CALL || k === EK.VARARG;
export const isIndexed = (k: EK): boolean => k >= EK.INDEXED && k <= EK.INDEXSTR;

/** Variable kinds (lparser.h): regular, <const>, <close>, compile-time constant. */
export const VDKREG = 0;
export const RDKCONST = 1;
export const RDKTOCLOSE = 2;
export const RDKCTC = 3;

export interface VarDesc {
  name: string;
  kind: number;
  /** Register holding the variable. */
  ridx: number;
  /** Index in Proto.locvars. */
  pidx: number;
  /** Value of a compile-time constant. */
  k: LuaValue;
}

/** How codegen reports errors: the compiler formats "chunk:line: msg [near tok]". */
export interface ErrorSink {
  syntaxError(msg: string): never;
}

/** Position of the flag operand ('k' kind) in each opcode's ABC operands, -1 if none. */
/** The field holding the k flag (a 'k' operand, or bit 0 of an 'f' operand). */
const K_FIELD: number[] = OPCODES.map((o) => (o.format === 'ABC' ? o.operands.findIndex((x) => x === 'k' || x === 'f') : -1));
/** Opcodes that are conditional tests (always followed by a JMP). */
const IS_TEST: boolean[] = OPCODES.map((o) => o.format === 'ABC' && K_FIELD[o.op] >= 0 &&
  o.op !== Op.TAILCALL && o.op !== Op.RETURN);

function setField(inst: number, field: number, v: number): number {
  const shift = 8 + 8 * field;
  return ((inst & ~(0xff << shift)) | (v << shift)) | 0;
}
const setA = (i: number, v: number): number => setField(i, 0, v);
const setB = (i: number, v: number): number => setField(i, 1, v);
const setC = (i: number, v: number): number => setField(i, 2, v);
const setOp = (i: number, o: Op): number => ((i & ~0xff) | o) | 0;

/** Does integer i fit a signed 8-bit immediate (sB/sC)? */
const fitsC = (i: LuaValue): boolean => typeof i === 'number' && i >= -OFFSET_sC && i <= MAX_C - OFFSET_sC;
/** Does integer i fit sBx? */
const fitsBx = (i: LuaValue): boolean => typeof i === 'number' && i >= -OFFSET_sBx && i <= MAX_Bx - OFFSET_sBx;

/** Constant-table key: type and value (1 and 1.0, 0.0 and -0.0 are different constants). */
function constKey(v: LuaValue): string {
  if (typeof v === 'string') return 's' + v;
  if (typeof v === 'bigint') return 'i' + v.toString();
  if (typeof v === 'number') return (Number.isInteger(v) ? 'i' : 'f') + String(v);
  if (v instanceof LuaFloat) return 'f' + (Object.is(v.n, -0) ? '-0' : String(v.n));
  if (v === undefined) return 'nil';
  return v ? 'true' : 'false';
}

export class BlockCnt {
  previous: BlockCnt | null = null;
  /** Index of the first label of this block. */
  firstlabel = 0;
  /** Index of the first pending goto of this block. */
  firstgoto = 0;
  /** Active locals outside the block. */
  nactvar = 0;
  /** Some variable of the block is captured by a closure or is to-be-closed. */
  upval = false;
  isloop = false;
  /** Inside the scope of a to-be-closed variable. */
  insidetbc = false;
}

/** State of the function being compiled (lparser.h FuncState) plus lcode.c's operations. */
export class FuncState {
  readonly f = new Proto();
  readonly code: number[] = [];
  readonly lines: number[] = [];
  bl: BlockCnt | null = null;
  /** pc of the last jump target (no peephole across it). */
  lasttarget = 0;
  private readonly kcache = new Map<string, number>();
  /** Index of this function's first variable in the active-variable list. */
  firstlocal = 0;
  /** Index of this function's first label. */
  firstlabel = 0;
  /** Number of active locals (including compile-time constants). */
  nactvar = 0;
  freereg = 0;
  /** The function has captured locals or tbc variables: returns must close. */
  needclose = false;

  constructor(
    readonly prev: FuncState | null,
    readonly actvar: VarDesc[],
    readonly err: ErrorSink,
  ) {}

  get pc(): number {
    return this.code.length;
  }

  // ---- emission -------------------------------------------------------------------------------

  emit(inst: number, line: number): number {
    this.code.push(inst);
    this.lines.push(line);
    return this.code.length - 1;
  }
  codeABC(o: Op, a: number, b: number, c: number, line: number): number {
    return this.emit(encABC(o, a, b, c), line);
  }
  codeABx(o: Op, a: number, bx: number, line: number): number {
    return this.emit(encABx(o, a, bx), line);
  }
  fixLine(line: number): void {
    this.lines[this.lines.length - 1] = line;
  }
  private removeLastInstruction(): void {
    this.code.pop();
    this.lines.pop();
  }
  /** The previous instruction if it is not a jump target (peephole), else undefined. */
  private previousInstruction(): number | undefined {
    return this.pc > this.lasttarget ? this.code[this.pc - 1] : undefined;
  }

  /** Load constant k into reg (LOADK or LOADKX + EXTRAARG). */
  codeK(reg: number, k: number, line: number): number {
    if (k <= MAX_Bx) return this.codeABx(Op.LOADK, reg, k, line);
    const p = this.codeABx(Op.LOADKX, reg, 0, line);
    this.emit(encAx(Op.EXTRAARG, k), line);
    return p;
  }

  // ---- registers --------------------------------------------------------------------------------

  /** Register level of the first `nvar` active variables (compile-time constants have none). */
  reglevel(nvar: number): number {
    while (nvar-- > 0) {
      const vd = this.actvar[this.firstlocal + nvar];
      if (vd.kind !== RDKCTC) return vd.ridx + 1;
    }
    return 0;
  }
  /** Number of registers holding active locals. */
  nvarstack(): number {
    return this.reglevel(this.nactvar);
  }
  checkstack(n: number): void {
    const newstack = this.freereg + n;
    if (newstack > this.f.maxstacksize) {
      if (newstack >= MAXREGS) this.err.syntaxError('function or expression needs too many registers');
      this.f.maxstacksize = newstack;
    }
  }
  reserveregs(n: number): void {
    this.checkstack(n);
    this.freereg += n;
  }
  private freereg1(reg: number): void {
    if (reg >= this.nvarstack()) {
      this.freereg--;
      if (reg !== this.freereg) throw new Error(`compiler: register ${reg} freed out of order`);
    }
  }
  private freeregs(r1: number, r2: number): void {
    if (r1 > r2) {
      this.freereg1(r1);
      this.freereg1(r2);
    } else {
      this.freereg1(r2);
      this.freereg1(r1);
    }
  }
  freeexp(e: ExpDesc): void {
    if (e.k === EK.NONRELOC) this.freereg1(e.info);
  }
  private freeexps(e1: ExpDesc, e2: ExpDesc): void {
    const r1 = e1.k === EK.NONRELOC ? e1.info : -1;
    const r2 = e2.k === EK.NONRELOC ? e2.info : -1;
    this.freeregs(r1, r2);
  }

  // ---- constants ----------------------------------------------------------------------------------

  addK(v: LuaValue): number {
    const key = constKey(v);
    const found = this.kcache.get(key);
    if (found !== undefined) return found;
    const idx = this.f.constants.length;
    // LOADKX's EXTRAARG holds 24 bits (the reference's limit is the same field)
    if (idx > MAX_Ax) throw new LuaException(`too many constants (limit is ${MAX_Ax})`);
    this.f.constants.push(v);
    this.kcache.set(key, idx);
    return idx;
  }

  /** R[reg] := integer i. */
  loadInt(reg: number, i: LuaInteger, line: number): void {
    if (fitsBx(i)) this.emit(encAsBx(Op.LOADI, reg, i as number), line);
    else this.codeK(reg, this.addK(i), line);
  }
  /** R[reg] := float (number or LuaFloat). */
  private loadFloat(reg: number, v: LuaValue, line: number): void {
    const n = v instanceof LuaFloat ? v.n : (v as number);
    if (Number.isInteger(n) && !Object.is(n, -0) && fitsBx(n)) this.emit(encAsBx(Op.LOADF, reg, n), line);
    else this.codeK(reg, this.addK(v), line);
  }

  // ---- jumps ------------------------------------------------------------------------------------------

  jump(line: number): number {
    return this.emit(encsJ(Op.JMP, NO_JUMP), line);
  }
  /** Mark the current pc as a jump target and return it. */
  getlabel(): number {
    this.lasttarget = this.pc;
    return this.pc;
  }
  private getjump(pc: number): number {
    const offset = getsJ(this.code[pc]);
    return offset === NO_JUMP ? NO_JUMP : pc + 1 + offset;
  }
  fixjump(pc: number, dest: number): void {
    const offset = dest - (pc + 1);
    if (!(-OFFSET_sJ <= offset && offset <= MAX_Ax - OFFSET_sJ)) this.err.syntaxError('control structure too long');
    this.code[pc] = encsJ(Op.JMP, offset);
  }
  /** Append list l2 to list l1 (returns the new l1). */
  concat(l1: number, l2: number): number {
    if (l2 === NO_JUMP) return l1;
    if (l1 === NO_JUMP) return l2;
    let list = l1;
    let next: number;
    while ((next = this.getjump(list)) !== NO_JUMP) list = next;
    this.fixjump(list, l2);
    return l1;
  }
  /** The test instruction controlling the jump at pc (or the jump itself). */
  private jumpControlPc(pc: number): number {
    return pc >= 1 && IS_TEST[getOp(this.code[pc - 1])] ? pc - 1 : pc;
  }
  /** Patch a TESTSET's destination (or turn it into TEST); false if not a TESTSET. */
  private patchtestreg(node: number, reg: number): boolean {
    const ipc = this.jumpControlPc(node);
    const i = this.code[ipc];
    if (getOp(i) !== Op.TESTSET) return false;
    if (reg !== NO_REG && reg !== getB(i)) this.code[ipc] = setA(i, reg);
    else this.code[ipc] = encABC(Op.TEST, getB(i), getC(i), 0);
    return true;
  }
  private removevalues(list: number): void {
    for (; list !== NO_JUMP; list = this.getjump(list)) this.patchtestreg(list, NO_REG);
  }
  private patchlistaux(list: number, vtarget: number, reg: number, dtarget: number): void {
    while (list !== NO_JUMP) {
      const next = this.getjump(list);
      if (this.patchtestreg(list, reg)) this.fixjump(list, vtarget);
      else this.fixjump(list, dtarget);
      list = next;
    }
  }
  patchlist(list: number, target: number): void {
    this.patchlistaux(list, target, NO_REG, target);
  }
  patchtohere(list: number): void {
    this.patchlist(list, this.getlabel());
  }
  /** Jump back to `target` (a loop start). */
  jumpto(target: number, line: number): void {
    this.patchlist(this.jump(line), target);
  }
  private condjump(o: Op, a: number, b: number, c: number, line: number): number {
    this.codeABC(o, a, b, c, line);
    return this.jump(line);
  }
  private negatecondition(e: ExpDesc): void {
    const ipc = this.jumpControlPc(e.info);
    const i = this.code[ipc];
    const field = K_FIELD[getOp(i)];
    const k = (i >>> (8 + 8 * field)) & 0xff;
    this.code[ipc] = setField(i, field, k ^ 1);
  }

  // ---- nil, returns -------------------------------------------------------------------------------

  /** R[from..from+n-1] := nil, merged with a preceding LOADNIL when contiguous. */
  loadNil(from: number, n: number, line: number): void {
    let l = from + n - 1;
    const prev = this.previousInstruction();
    if (prev !== undefined && getOp(prev) === Op.LOADNIL) {
      const pfrom = getA(prev);
      const pl = pfrom + getB(prev);
      if ((pfrom <= from && from <= pl + 1) || (from <= pfrom && pfrom <= l + 1)) {
        if (pfrom < from) from = pfrom;
        if (pl > l) l = pl;
        this.code[this.pc - 1] = encABC(Op.LOADNIL, from, l - from, 0);
        return;
      }
    }
    this.codeABC(Op.LOADNIL, from, n - 1, 0, line);
  }

  /** Return nret values (-1: up to top) starting at `first`. */
  ret(first: number, nret: number, line: number): void {
    const o = nret === 0 ? Op.RETURN0 : nret === 1 ? Op.RETURN1 : Op.RETURN;
    this.codeABC(o, first, nret + 1, 0, line);
  }

  // ---- expression descriptors ------------------------------------------------------------------

  setreturns(e: ExpDesc, nresults: number): void {
    const pc = e.info;
    if (e.k === EK.CALL) {
      this.code[pc] = setC(this.code[pc], nresults + 1);
    } else {
      this.code[pc] = setA(setC(this.code[pc], nresults + 1), this.freereg);
      this.reserveregs(1);
    }
  }
  setmultret(e: ExpDesc): void {
    this.setreturns(e, -1);
  }
  setoneret(e: ExpDesc): void {
    if (e.k === EK.CALL) {
      e.k = EK.NONRELOC;
      e.info = getA(this.code[e.info]);
    } else if (e.k === EK.VARARG) {
      this.code[e.info] = setC(this.code[e.info], 2);
      e.k = EK.RELOC;
    }
  }

  private const2exp(v: LuaValue, e: ExpDesc): void {
    if (typeof v === 'string') {
      e.k = EK.KSTR;
      e.value = v;
    } else if (v === undefined) e.k = EK.NIL;
    else if (v === true) e.k = EK.TRUE;
    else if (v === false) e.k = EK.FALSE;
    else {
      e.k = isInteger(v) ? EK.KINT : EK.KFLT;
      e.value = v;
    }
  }

  dischargevars(e: ExpDesc): void {
    switch (e.k) {
      case EK.CONST:
        this.const2exp(this.actvar[e.info].k, e);
        break;
      case EK.LOCAL:
        e.info = e.ridx;
        e.k = EK.NONRELOC;
        break;
      case EK.UPVAL:
        e.info = this.codeABC(Op.GETUPVAL, 0, e.info, 0, e.line);
        e.k = EK.RELOC;
        break;
      case EK.INDEXUP:
        e.info = this.codeABC(Op.GETTABUP, 0, e.indT, e.indIdx, e.line);
        e.k = EK.RELOC;
        break;
      case EK.INDEXI:
        this.freereg1(e.indT);
        e.info = this.codeABC(Op.GETI, 0, e.indT, e.indIdx, e.line);
        e.k = EK.RELOC;
        break;
      case EK.INDEXSTR:
        this.freereg1(e.indT);
        e.info = this.codeABC(Op.GETFIELD, 0, e.indT, e.indIdx, e.line);
        e.k = EK.RELOC;
        break;
      case EK.INDEXED:
        this.freeregs(e.indT, e.indIdx);
        e.info = this.codeABC(Op.GETTABLE, 0, e.indT, e.indIdx, e.line);
        e.k = EK.RELOC;
        break;
      case EK.VARARG:
      case EK.CALL:
        this.setoneret(e);
        break;
      default:
        break;
    }
  }

  private discharge2reg(e: ExpDesc, reg: number): void {
    this.dischargevars(e);
    switch (e.k) {
      case EK.NIL:
        this.loadNil(reg, 1, e.line);
        break;
      case EK.FALSE:
        this.codeABC(Op.LOADFALSE, reg, 0, 0, e.line);
        break;
      case EK.TRUE:
        this.codeABC(Op.LOADTRUE, reg, 0, 0, e.line);
        break;
      case EK.KSTR:
        this.codeK(reg, this.addK(e.value), e.line);
        break;
      case EK.K:
        this.codeK(reg, e.info, e.line);
        break;
      case EK.KFLT:
        this.loadFloat(reg, e.value, e.line);
        break;
      case EK.KINT:
        this.loadInt(reg, e.value as LuaInteger, e.line);
        break;
      case EK.RELOC:
        this.code[e.info] = setA(this.code[e.info], reg);
        break;
      case EK.NONRELOC:
        if (reg !== e.info) this.codeABC(Op.MOVE, reg, e.info, 0, e.line);
        break;
      default:
        return; // JMP: nothing to do yet
    }
    e.info = reg;
    e.k = EK.NONRELOC;
  }

  private discharge2anyreg(e: ExpDesc): void {
    if (e.k !== EK.NONRELOC) {
      this.reserveregs(1);
      this.discharge2reg(e, this.freereg - 1);
    }
  }

  private codeLoadbool(a: number, o: Op, line: number): number {
    this.getlabel(); // those instructions may be jump targets
    return this.codeABC(o, a, 0, 0, line);
  }

  /** Does some jump in the list need a value (i.e. is not a TESTSET producing it)? */
  private needValue(list: number): boolean {
    for (; list !== NO_JUMP; list = this.getjump(list)) {
      if (getOp(this.code[this.jumpControlPc(list)]) !== Op.TESTSET) return true;
    }
    return false;
  }

  private exp2reg(e: ExpDesc, reg: number): void {
    this.discharge2reg(e, reg);
    if (e.k === EK.JMP) e.t = this.concat(e.t, e.info);
    if (hasJumps(e)) {
      let pf = NO_JUMP;
      let pt = NO_JUMP;
      if (this.needValue(e.t) || this.needValue(e.f)) {
        const fj = e.k === EK.JMP ? NO_JUMP : this.jump(e.line);
        pf = this.codeLoadbool(reg, Op.LFALSESKIP, e.line);
        pt = this.codeLoadbool(reg, Op.LOADTRUE, e.line);
        this.patchtohere(fj);
      }
      const final = this.getlabel();
      this.patchlistaux(e.f, final, reg, pf);
      this.patchlistaux(e.t, final, reg, pt);
    }
    e.f = e.t = NO_JUMP;
    e.info = reg;
    e.k = EK.NONRELOC;
  }

  exp2nextreg(e: ExpDesc): void {
    this.dischargevars(e);
    this.freeexp(e);
    this.reserveregs(1);
    this.exp2reg(e, this.freereg - 1);
  }

  exp2anyreg(e: ExpDesc): number {
    this.dischargevars(e);
    if (e.k === EK.NONRELOC) {
      if (!hasJumps(e)) return e.info;
      if (e.info >= this.nvarstack()) {
        this.exp2reg(e, e.info);
        return e.info;
      }
      // a local cannot receive the jump values: use a new register
    }
    this.exp2nextreg(e);
    return e.info;
  }

  exp2anyregup(e: ExpDesc): void {
    if (e.k !== EK.UPVAL || hasJumps(e)) this.exp2anyreg(e);
  }

  exp2val(e: ExpDesc): void {
    if (hasJumps(e)) this.exp2anyreg(e);
    else this.dischargevars(e);
  }

  /** Make e a K operand if it is a constant whose index fits 8 bits. */
  private exp2K(e: ExpDesc): boolean {
    if (hasJumps(e)) return false;
    let info: number;
    switch (e.k) {
      case EK.TRUE: info = this.addK(true); break;
      case EK.FALSE: info = this.addK(false); break;
      case EK.NIL: info = this.addK(undefined); break;
      case EK.KINT: case EK.KFLT: case EK.KSTR: info = this.addK(e.value); break;
      case EK.K: info = e.info; break;
      default: return false;
    }
    if (info > MAXINDEXRK) return false;
    e.k = EK.K;
    e.info = info;
    return true;
  }

  /** K operand (true) or register (false); e.info holds the index either way. */
  exp2RK(e: ExpDesc): boolean {
    if (this.exp2K(e)) return true;
    this.exp2anyreg(e);
    return false;
  }

  /** Compile-time constant value of e, if any (luaK_exp2const). */
  exp2const(e: ExpDesc): { v: LuaValue } | undefined {
    if (hasJumps(e)) return undefined;
    switch (e.k) {
      case EK.FALSE: return { v: false };
      case EK.TRUE: return { v: true };
      case EK.NIL: return { v: undefined };
      case EK.KSTR: case EK.KINT: case EK.KFLT: return { v: e.value };
      case EK.CONST: return { v: this.actvar[e.info].k };
      default: return undefined;
    }
  }

  // ---- stores -------------------------------------------------------------------------------------

  storevar(v: ExpDesc, ex: ExpDesc, line: number): void {
    switch (v.k) {
      case EK.LOCAL:
        this.freeexp(ex);
        this.exp2reg(ex, v.ridx);
        return;
      case EK.UPVAL: {
        const r = this.exp2anyreg(ex);
        this.codeABC(Op.SETUPVAL, r, v.info, 0, line);
        break;
      }
      case EK.INDEXUP: {
        const isK = this.exp2RK(ex);
        this.codeABC(isK ? Op.SETTABUPK : Op.SETTABUP, v.indT, v.indIdx, ex.info, line);
        break;
      }
      case EK.INDEXI: {
        const isK = this.exp2RK(ex);
        this.codeABC(isK ? Op.SETIK : Op.SETI, v.indT, v.indIdx, ex.info, line);
        break;
      }
      case EK.INDEXSTR: {
        const isK = this.exp2RK(ex);
        this.codeABC(isK ? Op.SETFIELDK : Op.SETFIELD, v.indT, v.indIdx, ex.info, line);
        break;
      }
      case EK.INDEXED: {
        const isK = this.exp2RK(ex);
        this.codeABC(isK ? Op.SETTABLEK : Op.SETTABLE, v.indT, v.indIdx, ex.info, line);
        break;
      }
      default:
        throw new Error('compiler: invalid variable kind to store');
    }
    this.freeexp(ex);
  }

  // ---- indexing, methods ------------------------------------------------------------------------

  private isKstr(e: ExpDesc): boolean {
    return e.k === EK.K && !hasJumps(e) && e.info <= MAX_C && typeof this.f.constants[e.info] === 'string';
  }
  private static isCint(e: ExpDesc): boolean {
    return e.k === EK.KINT && !hasJumps(e) && typeof e.value === 'number' && e.value >= 0 && e.value <= MAX_C;
  }
  private static isSCint(e: ExpDesc): boolean {
    return e.k === EK.KINT && !hasJumps(e) && fitsC(e.value);
  }

  /**
   * isSCnumber: the sC field (plus OFFSET_sC) for an integer constant, or for a float constant
   * with an integral value, with 256 added for the float (then C gets bit 1); -1 otherwise.
   * -0.0 becomes 0, as in lcode.c (a metamethod then receives 0.0).
   */
  private static scNumber(e: ExpDesc): number {
    if (hasJumps(e)) return -1;
    if (e.k === EK.KINT) return fitsC(e.value) ? (e.value as number) + OFFSET_sC : -1;
    if (e.k === EK.KFLT && e.value instanceof LuaFloat && fitsC(e.value.n)) return (e.value.n + OFFSET_sC) | 256;
    return -1;
  }

  /** t[k]: t is LOCAL, NONRELOC or UPVAL (after exp2anyregup); k was exp2val'ed. */
  indexed(t: ExpDesc, k: ExpDesc, line: number): void {
    if (k.k === EK.KSTR) {
      k.info = this.addK(k.value);
      k.k = EK.K;
    }
    if (t.k === EK.UPVAL && !this.isKstr(k)) this.exp2anyreg(t);
    if (t.k === EK.UPVAL) {
      t.indT = t.info;
      t.indIdx = k.info;
      t.k = EK.INDEXUP;
    } else {
      t.indT = t.k === EK.LOCAL ? t.ridx : t.info;
      if (this.isKstr(k)) {
        t.indIdx = k.info;
        t.k = EK.INDEXSTR;
      } else if (FuncState.isCint(k)) {
        t.indIdx = k.value as number;
        t.k = EK.INDEXI;
      } else {
        t.indIdx = this.exp2anyreg(k);
        t.k = EK.INDEXED;
      }
    }
    t.line = line;
  }

  /** obj:name → R[base] = obj[name], R[base+1] = obj. */
  self(e: ExpDesc, name: string, line: number): void {
    this.exp2anyreg(e);
    const ereg = e.info;
    this.freeexp(e);
    const base = this.freereg;
    e.info = base;
    e.k = EK.NONRELOC;
    this.reserveregs(2);
    const k = this.addK(name);
    if (k <= MAX_C) {
      this.codeABC(Op.SELF, base, ereg, k, line);
    } else {
      // SELF has only a constant form: do its two moves by hand with the key in a register
      this.codeABC(Op.MOVE, base + 1, ereg, 0, line);
      this.reserveregs(1);
      this.codeK(base + 2, k, line);
      this.codeABC(Op.GETTABLE, base, base + 1, base + 2, line);
      this.freereg--;
    }
  }

  // ---- conditions ---------------------------------------------------------------------------------

  private jumponcond(e: ExpDesc, cond: number, line: number): number {
    if (e.k === EK.RELOC) {
      const ie = this.code[e.info];
      if (getOp(ie) === Op.NOT) {
        this.removeLastInstruction();
        return this.condjump(Op.TEST, getB(ie), cond ^ 1, 0, line);
      }
    }
    this.discharge2anyreg(e);
    this.freeexp(e);
    return this.condjump(Op.TESTSET, NO_REG, e.info, cond, line);
  }

  /** Fall through when e is true, jump (e.f) when false. */
  goiftrue(e: ExpDesc, line: number): void {
    this.dischargevars(e);
    let pc: number;
    switch (e.k) {
      case EK.JMP:
        this.negatecondition(e);
        pc = e.info;
        break;
      case EK.K: case EK.KFLT: case EK.KINT: case EK.KSTR: case EK.TRUE:
        pc = NO_JUMP;
        break;
      default:
        pc = this.jumponcond(e, 0, line);
    }
    e.f = this.concat(e.f, pc);
    this.patchtohere(e.t);
    e.t = NO_JUMP;
  }

  /** Fall through when e is false, jump (e.t) when true. */
  goiffalse(e: ExpDesc, line: number): void {
    this.dischargevars(e);
    let pc: number;
    switch (e.k) {
      case EK.JMP:
        pc = e.info;
        break;
      case EK.NIL: case EK.FALSE:
        pc = NO_JUMP;
        break;
      default:
        pc = this.jumponcond(e, 1, line);
    }
    e.t = this.concat(e.t, pc);
    this.patchtohere(e.f);
    e.f = NO_JUMP;
  }

  private codenot(e: ExpDesc, line: number): void {
    switch (e.k) {
      case EK.NIL: case EK.FALSE:
        e.k = EK.TRUE;
        break;
      case EK.K: case EK.KFLT: case EK.KINT: case EK.KSTR: case EK.TRUE:
        e.k = EK.FALSE;
        break;
      case EK.JMP:
        this.negatecondition(e);
        break;
      case EK.RELOC:
      case EK.NONRELOC: {
        this.discharge2anyreg(e);
        this.freeexp(e);
        e.info = this.codeABC(Op.NOT, 0, e.info, 0, line);
        e.k = EK.RELOC;
        break;
      }
      default:
        throw new Error('compiler: cannot negate expression');
    }
    const tmp = e.f;
    e.f = e.t;
    e.t = tmp;
    this.removevalues(e.f);
    this.removevalues(e.t);
  }

  // ---- operators ----------------------------------------------------------------------------------

  prefix(op: UnaryOp, e: ExpDesc, line: number): void {
    this.dischargevars(e);
    switch (op) {
      case '-': case '~':
        if (constfoldUnary(op, e)) break;
        this.codeunexpval(op === '-' ? Op.UNM : Op.BNOT, e, line);
        break;
      case '#':
        this.codeunexpval(Op.LEN, e, line);
        break;
      case 'not':
        this.codenot(e, line);
        break;
    }
  }

  private codeunexpval(o: Op, e: ExpDesc, line: number): void {
    const r = this.exp2anyreg(e);
    this.freeexp(e);
    e.info = this.codeABC(o, 0, r, 0, line);
    e.k = EK.RELOC;
  }

  /** Process the first operand of a binary operator before the second is compiled. */
  infix(op: BinaryOp, v: ExpDesc, line: number): void {
    v.line = line; // the reference discharges the operand once the operator is read (its lastline)
    this.dischargevars(v);
    switch (op) {
      case 'and':
        this.goiftrue(v, line);
        break;
      case 'or':
        this.goiffalse(v, line);
        break;
      case '..':
        this.exp2nextreg(v);
        break;
      case '+': case '-': case '*': case '/': case '//': case '%': case '^':
      case '&': case '|': case '~': case '<<': case '>>':
        if (!isNumeral(v)) this.exp2anyreg(v);
        break; // else keep the numeral: it may fold or be an immediate/K operand
      case '==': case '~=':
        if (!isNumeral(v)) this.exp2RK(v);
        break;
      case '<': case '<=': case '>': case '>=':
        // keep a numeral with an sC value (integer or integral float): it may become an immediate
        if (FuncState.scNumber(v) < 0) this.exp2anyreg(v);
        break;
    }
  }

  /** Finish `e1 op e2` into e1. */
  posfix(op: BinaryOp, e1: ExpDesc, e2: ExpDesc, line: number, endLine: number = line): void {
    // The reference finishes the operation after reading the right operand: operands discharged
    // now, and comparisons (which it does not fixline to the operator), get that line (lastline);
    // arithmetic, bitwise and concat instructions get the operator's line.
    e1.line = endLine;
    e2.line = endLine;
    this.dischargevars(e2);
    if (ARITH_OPS.has(op) && constfoldBinary(op, e1, e2)) return;
    switch (op) {
      case 'and':
        e2.f = this.concat(e2.f, e1.f);
        e1.copyFrom(e2);
        break;
      case 'or':
        e2.t = this.concat(e2.t, e1.t);
        e1.copyFrom(e2);
        break;
      case '..':
        this.exp2nextreg(e2);
        this.codeconcat(e1, e2, line);
        break;
      case '+':
        if (FuncState.isSCint(e2)) this.codebinexp(Op.ADDI, e1, e2, (e2.value as number) + OFFSET_sC, line);
        else this.codearith(op, e1, e2, line);
        break;
      case '-': case '*': case '/': case '//': case '%': case '^':
        this.codearith(op, e1, e2, line);
        break;
      case '&': case '|': case '~':
        if (e2.k === EK.KINT && this.exp2K(e2)) this.codebinexp(KOPS[op]!, e1, e2, e2.info, line);
        else this.codebinregs(REGOPS[op], e1, e2, line);
        break;
      case '<<':
        if (FuncState.isSCint(e1)) {
          // sC << R[B]: the register operand is e2
          const imm = (e1.value as number) + OFFSET_sC;
          const r = this.exp2anyreg(e2);
          this.freeexp(e2);
          e1.info = this.codeABC(Op.SHLI, 0, r, imm, line);
          e1.k = EK.RELOC;
        } else this.codebinregs(Op.SHL, e1, e2, line);
        break;
      case '>>':
        if (FuncState.isSCint(e2)) this.codebinexp(Op.SHRI, e1, e2, (e2.value as number) + OFFSET_sC, line);
        else this.codebinregs(Op.SHR, e1, e2, line);
        break;
      case '==': case '~=':
        this.codeeq(op, e1, e2, endLine);
        break;
      case '<': case '<=':
        this.codeorder(op === '<' ? Op.LT : Op.LE, e1, e2, endLine);
        break;
      case '>': case '>=': {
        // a > b  <=>  b < a; e1 must be left holding the result
        const tmp = new ExpDesc();
        tmp.copyFrom(e1);
        e1.copyFrom(e2);
        e2.copyFrom(tmp);
        this.codeorder(op === '>' ? Op.LT : Op.LE, e1, e2, endLine);
        break;
      }
    }
  }

  /** R[A] := e1 op <v2> where v2 (immediate or K index) is already encoded. */
  private codebinexp(o: Op, e1: ExpDesc, e2: ExpDesc, v2: number, line: number): void {
    const v1 = this.exp2anyreg(e1);
    const pc = this.codeABC(o, 0, v1, v2, line);
    this.freeexps(e1, e2);
    e1.info = pc;
    e1.k = EK.RELOC;
  }

  /** Both operands in registers (the second one is placed first, as lcode.c does). */
  private codebinregs(o: Op, e1: ExpDesc, e2: ExpDesc, line: number): void {
    const v2 = this.exp2anyreg(e2);
    this.codebinexp(o, e1, e2, v2, line);
  }

  private codearith(op: BinaryOp, e1: ExpDesc, e2: ExpDesc, line: number): void {
    if (isNumeral(e2) && this.exp2K(e2)) this.codebinexp(KOPS[op]!, e1, e2, e2.info, line);
    else this.codebinregs(REGOPS[op], e1, e2, line);
  }

  private codeconcat(e1: ExpDesc, e2: ExpDesc, line: number): void {
    const prev = this.previousInstruction();
    if (prev !== undefined && getOp(prev) === Op.CONCAT) {
      const n = getB(prev);
      this.freeexp(e2);
      this.code[this.pc - 1] = encABC(Op.CONCAT, e1.info, n + 1, 0);
    } else {
      this.codeABC(Op.CONCAT, e1.info, 2, 0, line);
      this.freeexp(e2);
    }
  }

  private codeeq(op: BinaryOp, e1: ExpDesc, e2: ExpDesc, line: number): void {
    if (e1.k !== EK.NONRELOC) {
      // e1 is a constant kept by infix: compare the other way round (equality is symmetric,
      // and __eq is only tried for two tables or two userdata)
      const tmp = new ExpDesc();
      tmp.copyFrom(e1);
      e1.copyFrom(e2);
      e2.copyFrom(tmp);
    }
    const r1 = this.exp2anyreg(e1);
    let o: Op;
    let r2: number;
    let flags = op === '==' ? 1 : 0;
    const im = FuncState.scNumber(e2);
    if (im >= 0) {
      o = Op.EQI;
      r2 = im & 0xff;
      if (im > 0xff) flags |= 2;
    } else if (this.exp2RK(e2)) {
      o = Op.EQK;
      r2 = e2.info;
    } else {
      o = Op.EQ;
      r2 = this.exp2anyreg(e2);
    }
    this.freeexps(e1, e2);
    e1.info = this.condjump(o, r1, r2, flags, line);
    e1.k = EK.JMP;
  }

  private codeorder(o: Op.LT | Op.LE, e1: ExpDesc, e2: ExpDesc, line: number): void {
    let r1: number;
    let r2: number;
    let op: Op = o;
    let flags = 1;
    let im: number;
    if ((im = FuncState.scNumber(e2)) >= 0) {
      r1 = this.exp2anyreg(e1);
      r2 = im & 0xff;
      op = o === Op.LT ? Op.LTI : Op.LEI;
      if (im > 0xff) flags |= 2;
    } else if ((im = FuncState.scNumber(e1)) >= 0) {
      // (I < B) is (B > I), (I <= B) is (B >= I)
      r1 = this.exp2anyreg(e2);
      r2 = im & 0xff;
      op = o === Op.LT ? Op.GTI : Op.GEI;
      if (im > 0xff) flags |= 2;
    } else {
      r1 = this.exp2anyreg(e1);
      r2 = this.exp2anyreg(e2);
    }
    this.freeexps(e1, e2);
    e1.info = this.condjump(op, r1, r2, flags, line);
    e1.k = EK.JMP;
  }

  // ---- tables -------------------------------------------------------------------------------------

  /** t[nelems+1..nelems+tostore] := R[base+1..]; tostore -1: up to top. */
  setlist(base: number, nelems: number, tostore: number, line: number): void {
    this.codeABC(Op.SETLIST, base, tostore === -1 ? 0 : tostore, 0, line);
    this.emit(encAx(Op.EXTRAARG, nelems), line);
    this.freereg = base + 1;
  }

  settablesize(pc: number, na: number, nh: number): void {
    this.code[pc] = encABC(Op.NEWTABLE, getA(this.code[pc]), Math.min(na, 255), Math.min(nh, 255));
  }

  // ---- finishing ----------------------------------------------------------------------------------

  /** Final pass (luaK_finish): close flags on returns, jumps to jumps shortcut. */
  finish(): void {
    const code = this.code;
    for (let i = 0; i < code.length; i++) {
      const inst = code[i];
      switch (getOp(inst)) {
        case Op.RETURN0:
        case Op.RETURN1:
          if (this.needclose) code[i] = encABC(Op.RETURN, getA(inst), getB(inst), 1);
          break;
        case Op.RETURN:
        case Op.TAILCALL:
          if (this.needclose) code[i] = setC(inst, 1);
          break;
        case Op.JMP:
          this.fixjump(i, finaltarget(code, i));
          break;
        default:
          break;
      }
    }
    this.f.code = Int32Array.from(code);
    this.f.lineinfo = Int32Array.from(this.lines);
  }

  /** Patch the Bx of a FORPREP/FORLOOP/TFORPREP/TFORLOOP at pc to reach dest. */
  fixforjump(pc: number, dest: number, back: boolean): void {
    let offset = dest - (pc + 1);
    if (back) offset = -offset;
    if (offset > MAX_Bx) this.err.syntaxError('control structure too long');
    this.code[pc] = encABx(getOp(this.code[pc]), getA(this.code[pc]), offset);
  }

  /** Set the Bx of instruction pc (CLOSURE). */
  setBx(pc: number, bx: number): void {
    this.code[pc] = encABx(getOp(this.code[pc]), getA(this.code[pc]), bx);
  }

  instruction(pc: number): number {
    return this.code[pc];
  }
  setInstruction(pc: number, inst: number): void {
    this.code[pc] = inst;
  }
  /** Instruction helpers for the statement compiler (TAILCALL conversion, call results). */
  static readonly setOp = setOp;
  static readonly setC = setC;
}

/** Follow a chain of jumps (at most 100) to its final target. */
function finaltarget(code: number[], i: number): number {
  for (let count = 0; count < 100; count++) {
    const inst = code[i];
    if (getOp(inst) !== Op.JMP) break;
    i += getsJ(inst) + 1;
  }
  return i;
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '//' | '%' | '^' | '..'
  | '==' | '~=' | '<' | '<=' | '>' | '>='
  | 'and' | 'or' | '&' | '|' | '~' | '<<' | '>>';
export type UnaryOp = '-' | 'not' | '#' | '~';

const ARITH_OPS = new Set<BinaryOp>(['+', '-', '*', '/', '//', '%', '^', '&', '|', '~', '<<', '>>']);

const KOPS: Partial<Record<BinaryOp, Op>> = {
  '+': Op.ADDK, '-': Op.SUBK, '*': Op.MULK, '%': Op.MODK, '^': Op.POWK, '/': Op.DIVK,
  '//': Op.IDIVK, '&': Op.BANDK, '|': Op.BORK, '~': Op.BXORK,
};
const REGOPS = {
  '+': Op.ADD, '-': Op.SUB, '*': Op.MUL, '%': Op.MOD, '^': Op.POW, '/': Op.DIV, '//': Op.IDIV,
  '&': Op.BAND, '|': Op.BOR, '~': Op.BXOR, '<<': Op.SHL, '>>': Op.SHR,
} as Record<BinaryOp, Op>;

/** A numeric constant without jumps (lcode.c tonumeral). */
export function isNumeral(e: ExpDesc): boolean {
  return !hasJumps(e) && (e.k === EK.KINT || e.k === EK.KFLT);
}

function isZero(v: LuaValue): boolean {
  if (v instanceof LuaFloat) return v.n === 0;
  return v === 0 || v === 0n;
}

/** Fold a numeric result into e1 unless it is NaN or a float zero (lcode.c constfolding). */
function setFolded(e: ExpDesc, res: LuaValue): boolean {
  if (isInteger(res)) {
    e.k = EK.KINT;
    e.value = res;
    return true;
  }
  const n = res instanceof LuaFloat ? res.n : (res as number);
  if (n !== n || n === 0) return false;
  e.k = EK.KFLT;
  e.value = res;
  return true;
}

function constfoldBinary(op: BinaryOp, e1: ExpDesc, e2: ExpDesc): boolean {
  if (!isNumeral(e1) || !isNumeral(e2)) return false;
  const a = e1.value;
  const b = e2.value;
  let res: LuaValue;
  switch (op) {
    case '&': case '|': case '~': case '<<': case '>>': {
      const x = toBitInteger(a);
      const y = toBitInteger(b);
      if (x === undefined || y === undefined) return false; // would raise an error at run time
      res = op === '&' ? i64Band(x, y) : op === '|' ? i64Bor(x, y) : op === '~' ? i64Bxor(x, y)
        : op === '<<' ? i64Shl(x, y) : i64Shr(x, y);
      break;
    }
    case '/': case '//': case '%':
      if (isZero(b)) return false; // division by zero: error or inf/nan, decided at run time
      res = op === '/' ? numDiv(a, b) : op === '//' ? numIdiv(a, b) : numMod(a, b);
      break;
    case '+': res = numAdd(a, b); break;
    case '-': res = numSub(a, b); break;
    case '*': res = numMul(a, b); break;
    case '^': res = numPow(a, b); break;
    default: return false;
  }
  return setFolded(e1, res);
}

function constfoldUnary(op: '-' | '~', e: ExpDesc): boolean {
  if (!isNumeral(e)) return false;
  if (op === '-') return setFolded(e, numUnm(e.value));
  const x = toBitInteger(e.value);
  if (x === undefined) return false;
  return setFolded(e, i64Bnot(x));
}
