// The compiler: AST (ast.ts) → Proto (bytecode/proto.ts). It walks the tree the way PUC-Lua's
// lparser.c parses (same scoping, goto/label, assignment and loop code shapes) and drives
// codegen.ts (the lcode.c equivalent) with expression descriptors. The ISA conventions it
// follows are in docs/architecture.md ("Compiler ↔ interpreter conventions") and docs/isa.md.
//
// Compile-time errors are LuaExceptions whose value is "chunkid:line: message", as the
// reference's. The reference reports semantic errors at the line of the token being looked at
// when it detects them (often the token after a construct); the AST does not record every
// token, so those lines are the nearest line the AST knows (see the notes at each error).

import { Op, encABC } from '../bytecode/opcodes.js';
import type { Proto } from '../bytecode/proto.js';
import { LuaException } from '../runtime/error.js';
import { LuaFloat } from '../runtime/value.js';
import { chunkId } from '../runtime/chunkid.js';
import type {
  Block, Chunk, Expr, FuncBody, Stat, LocalStat, AssignStat, IfStat, WhileStat, RepeatStat,
  NumericForStat, GenericForStat, FunctionStat, LocalFunctionStat, ReturnStat, GotoStat,
  TableExpr, IndexExpr, CallExpr, MethodCallExpr, BinopExpr,
} from './ast.js';
import {
  BlockCnt, EK, ExpDesc, FuncState, NO_JUMP, hasMultRet, isIndexed, VDKREG, RDKCONST,
  RDKTOCLOSE, RDKCTC, type VarDesc, type ErrorSink,
} from './codegen.js';

/** Limits of the reference (luaconf.h / lparser.c). */
const MAXVARS = 200;
const MAXUPVAL = 255;
const LFIELDS_PER_FLUSH = 50;

interface LabelDesc {
  name: string;
  /** pc of the label, or of the goto's JMP. */
  pc: number;
  line: number;
  /** Active variables at that point. */
  nactvar: number;
  /** The goto leaves the scope of a captured/tbc variable: needs a CLOSE. */
  close: boolean;
}

/** Compile a parsed chunk into its main function prototype. */
export function compileChunk(chunk: Chunk): Proto {
  return new Compiler(chunk.chunkname).mainfunc(chunk);
}

class Compiler implements ErrorSink {
  /** Declared variables of all open functions (lparser.h Dyndata.actvar). */
  private readonly actvar: VarDesc[] = [];
  /** Pending gotos of all open blocks. */
  private readonly gt: LabelDesc[] = [];
  /** Visible labels of all open blocks. */
  private readonly label: LabelDesc[] = [];
  private fs!: FuncState;
  /** Line and "near" token for syntax errors raised by limits (best known position). */
  private errLine = 1;
  private errNear: string | null = null;
  private mainBody: Block | null = null;
  /** The function body that ends the current statement, if any, and the line after it. */
  private statEndFunc: FuncBody | null = null;
  private afterStat = 0;

  constructor(private readonly chunkname: string) {}

  // ---- errors ---------------------------------------------------------------------------------

  private format(msg: string, line: number): string {
    return `${chunkId(this.chunkname)}:${line}: ${msg}`;
  }

  syntaxError(msg: string): never {
    const near = this.errNear === null ? '' : ` near ${this.errNear}`;
    throw new LuaException(this.format(msg + near, this.errLine));
  }

  /** Semantic errors (luaK_semerror) have no "near <token>". */
  private semerror(msg: string, line: number): never {
    throw new LuaException(this.format(msg, line));
  }

  private at(line: number, near: string | null = null): void {
    this.errLine = line;
    this.errNear = near;
  }

  private checklimit(v: number, limit: number, what: string): void {
    if (v > limit) {
      const line = this.fs.f.linedefined;
      const where = line === 0 ? 'main function' : `function at line ${line}`;
      this.syntaxError(`too many ${what} (limit is ${limit}) in ${where}`);
    }
  }

  // ---- functions ----------------------------------------------------------------------------------

  private openFunc(): FuncState {
    const fs = new FuncState(this.fs ?? null, this.actvar, this);
    fs.f.source = this.chunkname;
    fs.firstlocal = this.actvar.length;
    fs.firstlabel = this.label.length;
    this.fs = fs;
    this.enterblock(new BlockCnt(), false);
    return fs;
  }

  /** Final return, close the outermost block, finish the code. */
  private closeFunc(lastLine: number, endErrLine: number): Proto {
    const fs = this.fs;
    fs.ret(fs.nvarstack(), 0, lastLine);
    this.leaveblock(lastLine, endErrLine);
    fs.finish();
    if (fs.prev !== null) this.fs = fs.prev;
    return fs.f;
  }

  mainfunc(chunk: Chunk): Proto {
    const fs = this.openFunc();
    fs.f.isVararg = true;
    fs.codeABC(Op.VARARGPREP, 0, 0, 0, 1);
    fs.f.upvalues.push({ name: '_ENV', instack: true, index: 0, kind: VDKREG });
    const body = chunk.body;
    this.mainBody = body.body;
    this.statlist(body.body, 0, false);
    // luac puts the final RETURN on the line of the last token (1 for an empty chunk)
    const last = body.lastLine > 0 ? body.lastLine : lastTokenLine(body.body, 1);
    return this.closeFunc(last, body.body.endLine);
  }

  /** Compile a function body; returns the CLOSURE in the next register of the parent. */
  private body(func: FuncBody, isMethod: boolean): ExpDesc {
    const parent = this.fs;
    // the reference reports an undefined goto with the token after `end` as lookahead: known
    // when the function ends its statement
    const undefLine = func === this.statEndFunc ? this.afterStat : func.lastLine;
    const fs = this.openFunc();
    fs.f.linedefined = func.line;
    fs.f.lastlinedefined = func.lastLine;
    this.at(func.line);
    const params = func.params;
    for (let i = 0; i < params.length; i++) {
      // the reference checks the limit with the token after the name as lookahead
      this.errNear = isMethod && i === 0 ? "'('" : i + 1 < params.length || func.isVararg ? "','" : "')'";
      this.newLocalvar(params[i]);
    }
    this.adjustlocalvars(params.length);
    fs.f.numparams = fs.nactvar;
    if (func.isVararg) {
      fs.f.isVararg = true;
      fs.codeABC(Op.VARARGPREP, fs.f.numparams, 0, 0, func.line);
    }
    fs.reserveregs(fs.nactvar);
    this.statlist(func.body, 0, false);
    this.at(func.lastLine);
    const proto = this.closeFunc(func.lastLine, undefLine);
    parent.f.protos.push(proto);
    const e = ExpDesc.of(EK.RELOC, parent.codeABx(Op.CLOSURE, 0, parent.f.protos.length - 1, func.lastLine), func.lastLine);
    parent.exp2nextreg(e);
    return e;
  }

  // ---- variables ----------------------------------------------------------------------------------

  private varDesc(fs: FuncState, vidx: number): VarDesc {
    return this.actvar[fs.firstlocal + vidx];
  }

  /** Declare a variable (not active yet); returns its index in the function. */
  private newLocalvar(name: string): number {
    const fs = this.fs;
    this.checklimit(this.actvar.length + 1 - fs.firstlocal, MAXVARS, 'local variables');
    this.actvar.push({ name, kind: VDKREG, ridx: 0, pidx: -1, k: undefined });
    return this.actvar.length - 1 - fs.firstlocal;
  }

  /** Activate the last nvars declared variables. */
  private adjustlocalvars(nvars: number): void {
    const fs = this.fs;
    let reglevel = fs.nvarstack();
    for (let i = 0; i < nvars; i++) {
      const vidx = fs.nactvar++;
      const vd = this.varDesc(fs, vidx);
      vd.ridx = reglevel++;
      vd.pidx = fs.f.locvars.length;
      fs.f.locvars.push({ name: vd.name, startpc: fs.pc, endpc: 0 });
    }
  }

  /**
   * Deactivate variables down to `tolevel`. The descriptors stay in `actvar` until the caller
   * truncates it: pending gotos still look at them (as the reference reads its stale array).
   */
  private removevars(tolevel: number): void {
    const fs = this.fs;
    while (fs.nactvar > tolevel) {
      const vd = this.varDesc(fs, --fs.nactvar);
      if (vd.kind !== RDKCTC) fs.f.locvars[vd.pidx].endpc = fs.pc;
    }
  }

  private searchvar(fs: FuncState, n: string, v: ExpDesc): number {
    for (let i = fs.nactvar - 1; i >= 0; i--) {
      const vd = this.varDesc(fs, i);
      if (vd.name === n) {
        v.t = v.f = NO_JUMP;
        if (vd.kind === RDKCTC) {
          v.k = EK.CONST;
          v.info = fs.firstlocal + i;
        } else {
          v.k = EK.LOCAL;
          v.vidx = i;
          v.ridx = vd.ridx;
        }
        return v.k;
      }
    }
    return -1;
  }

  /** A local at `level` is captured: its block and the function need closing. */
  private markupval(fs: FuncState, level: number): void {
    let bl = fs.bl!;
    while (bl.nactvar > level) bl = bl.previous!;
    bl.upval = true;
    fs.needclose = true;
  }

  private marktobeclosed(): void {
    const bl = this.fs.bl!;
    bl.upval = true;
    bl.insidetbc = true;
    this.fs.needclose = true;
  }

  private newupvalue(fs: FuncState, name: string, v: ExpDesc): number {
    const ups = fs.f.upvalues;
    this.checklimit(ups.length + 1, MAXUPVAL, 'upvalues');
    const prev = fs.prev!;
    if (v.k === EK.LOCAL) {
      ups.push({ name, instack: true, index: v.ridx, kind: this.varDesc(prev, v.vidx).kind });
    } else {
      ups.push({ name, instack: false, index: v.info, kind: prev.f.upvalues[v.info].kind });
    }
    return ups.length - 1;
  }

  private singlevaraux(fs: FuncState | null, n: string, v: ExpDesc, base: boolean): void {
    if (fs === null) {
      v.k = EK.VOID;
      return;
    }
    const found = this.searchvar(fs, n, v);
    if (found >= 0) {
      if (found === EK.LOCAL && !base) this.markupval(fs, v.vidx);
      return;
    }
    let idx = fs.f.upvalues.findIndex((u) => u.name === n);
    if (idx < 0) {
      this.singlevaraux(fs.prev, n, v, false);
      if (v.k !== EK.LOCAL && v.k !== EK.UPVAL) return; // global or compile-time constant
      idx = this.newupvalue(fs, n, v);
    }
    v.k = EK.UPVAL;
    v.info = idx;
    v.t = v.f = NO_JUMP;
  }

  /** A name: local, upvalue, constant, or global (_ENV.name). */
  private singlevar(name: string, line: number): ExpDesc {
    const fs = this.fs;
    const v = ExpDesc.of(EK.VOID, 0, line);
    this.at(line, `'${name}'`);
    this.singlevaraux(fs, name, v, true);
    if (v.k === EK.VOID) {
      this.singlevaraux(fs, '_ENV', v, true);
      fs.exp2anyregup(v);
      const key = ExpDesc.of(EK.KSTR, 0, line);
      key.value = name;
      fs.indexed(v, key, line);
    }
    v.line = line;
    return v;
  }

  // ---- blocks, labels, gotos --------------------------------------------------------------------

  private enterblock(bl: BlockCnt, isloop: boolean): void {
    const fs = this.fs;
    bl.isloop = isloop;
    bl.nactvar = fs.nactvar;
    bl.firstlabel = this.label.length;
    bl.firstgoto = this.gt.length;
    bl.upval = false;
    bl.insidetbc = fs.bl !== null && fs.bl.insidetbc;
    bl.previous = fs.bl;
    fs.bl = bl;
  }

  /**
   * Leave the current block. `line` is for the CLOSE it may emit; `errLine` is where an
   * undefined goto is reported (the reference: the line of the token after the block).
   * The order (variables die before the loop's "break" label is placed, so a break's CLOSE is
   * at the level outside the loop) is Lua 5.4.6's; 5.4.4 placed the label first.
   */
  private leaveblock(line: number, errLine: number): void {
    const fs = this.fs;
    const bl = fs.bl!;
    let hasclose = false;
    const stklevel = fs.reglevel(bl.nactvar);
    this.removevars(bl.nactvar);
    if (bl.isloop) hasclose = this.createlabel('break', 0, false, line);
    if (!hasclose && bl.previous !== null && bl.upval) fs.codeABC(Op.CLOSE, stklevel, 0, 0, line);
    fs.freereg = stklevel;
    this.label.length = bl.firstlabel;
    fs.bl = bl.previous;
    if (bl.previous !== null) this.movegotosout(bl);
    else if (bl.firstgoto < this.gt.length) this.undefgoto(this.gt[bl.firstgoto], errLine);
    this.actvar.length = fs.firstlocal + fs.nactvar;
  }

  private movegotosout(bl: BlockCnt): void {
    const fs = this.fs;
    for (let i = bl.firstgoto; i < this.gt.length; i++) {
      const g = this.gt[i];
      if (fs.reglevel(g.nactvar) > fs.reglevel(bl.nactvar)) g.close = g.close || bl.upval;
      g.nactvar = bl.nactvar;
    }
  }

  private undefgoto(g: LabelDesc, line: number): never {
    if (g.name === 'break') this.semerror(`break outside loop at line ${g.line}`, line);
    this.semerror(`no visible label '${g.name}' for <goto> at line ${g.line}`, line);
  }

  private findlabel(name: string): LabelDesc | undefined {
    for (let i = this.fs.firstlabel; i < this.label.length; i++) {
      if (this.label[i].name === name) return this.label[i];
    }
    return undefined;
  }

  private newgotoentry(name: string, line: number, pc: number): void {
    this.gt.push({ name, pc, line, nactvar: this.fs.nactvar, close: false });
  }

  /** Resolve pending gotos of the current block to label lb; true if some needs a CLOSE. */
  private solvegotos(lb: LabelDesc, errLine: number): boolean {
    let needsclose = false;
    let i = this.fs.bl!.firstgoto;
    while (i < this.gt.length) {
      const g = this.gt[i];
      if (g.name === lb.name) {
        needsclose = needsclose || g.close;
        if (g.nactvar < lb.nactvar) {
          const varname = this.varDesc(this.fs, g.nactvar).name;
          this.semerror(`<goto ${g.name}> at line ${g.line} jumps into the scope of local '${varname}'`, errLine);
        }
        this.fs.patchlist(g.pc, lb.pc);
        this.gt.splice(i, 1);
      } else i++;
    }
    return needsclose;
  }

  /** Define a label here; `last`: it is the last statement of its block (locals are dead). */
  private createlabel(name: string, line: number, last: boolean, errLine: number): boolean {
    const fs = this.fs;
    const lb: LabelDesc = { name, pc: fs.getlabel(), line, nactvar: fs.nactvar, close: false };
    this.label.push(lb);
    if (last) lb.nactvar = fs.bl!.nactvar;
    if (this.solvegotos(lb, errLine)) {
      fs.codeABC(Op.CLOSE, fs.nvarstack(), 0, 0, errLine);
      return true;
    }
    return false;
  }

  /** A block; its CLOSE (if any) is on the line of its last token, as luac's. */
  private block(b: Block, fallbackLine: number): void {
    this.enterblock(new BlockCnt(), false);
    this.statlist(b, 0, false);
    const line = lastTokenLine(b, fallbackLine);
    this.leaveblock(line, b.endLine);
  }

  // ---- statements -------------------------------------------------------------------------------

  /**
   * Statements of block b from index `start`. `isRepeatBody`: the block ends with `until`,
   * whose condition still sees the block's locals, so a final label is not "last".
   */
  private statlist(b: Block, start: number, isRepeatBody: boolean): void {
    const stats = b.stats;
    for (let i = start; i < stats.length; i++) {
      const s = stats[i];
      if (s.kind === 'Label') {
        // The reference handles a run of labels recursively: the later ones are created
        // first, and all are "last" if only the end of the block follows them.
        let j = i;
        while (j + 1 < stats.length && stats[j + 1].kind === 'Label') j++;
        const last = j === stats.length - 1 && !isRepeatBody;
        const errLine = j + 1 < stats.length ? stats[j + 1].line : b.endLine;
        for (let k = j; k >= i; k--) {
          const ls = stats[k] as { name: string; line: number };
          this.at(ls.line);
          const dup = this.findlabel(ls.name);
          if (dup !== undefined) this.semerror(`label '${ls.name}' already defined on line ${dup.line}`, errLine);
          this.createlabel(ls.name, ls.line, last, errLine);
        }
        i = j;
        continue;
      }
      this.statement(s, i + 1 < stats.length ? stats[i + 1] : null, b);
    }
  }

  private statement(s: Stat, next: Stat | null, b: Block): void {
    const fs = this.fs;
    this.at(s.line);
    const savedEnd = this.statEndFunc;
    const savedAfter = this.afterStat;
    this.statEndFunc = trailingFunc(s);
    this.afterStat = next !== null ? next.line : b.endLine;
    switch (s.kind) {
      case 'Local': this.localstat(s, next, b); break;
      case 'Assign': this.assignstat(s); break;
      case 'CallStat': {
        const e = this.expr(s.call);
        fs.setInstruction(e.info, FuncState.setC(fs.instruction(e.info), 1)); // no results
        break;
      }
      case 'Do': this.block(s.body, s.line); break;
      case 'While': this.whilestat(s); break;
      case 'Repeat': this.repeatstat(s); break;
      case 'If': this.ifstat(s); break;
      case 'NumericFor': this.fornum(s); break;
      case 'GenericFor': this.forlist(s); break;
      case 'Function': this.funcstat(s); break;
      case 'LocalFunction': this.localfunc(s); break;
      case 'Return': this.retstat(s); break;
      case 'Break': this.newgotoentry('break', s.line, fs.jump(s.line)); break;
      case 'Goto': this.gotostat(s); break;
      case 'Label': break; // handled by statlist
    }
    fs.freereg = fs.nvarstack();
    this.statEndFunc = savedEnd;
    this.afterStat = savedAfter;
  }

  private localstat(s: LocalStat, next: Stat | null, b: Block): void {
    const fs = this.fs;
    let toclose = -1;
    let vidx = 0;
    const names = s.names;
    for (let i = 0; i < names.length; i++) {
      const n = names[i];
      // lookahead token when the reference checks the limit: what follows the name
      const followsName = i + 1 < names.length || n.attrib !== null || s.exprs.length > 0;
      const near = i + 1 < names.length ? "','" : n.attrib !== null ? "'<'" : s.exprs.length > 0 ? "'='"
        : next !== null ? firstToken(next) : blockEndToken(b, this.mainBody);
      this.at(followsName ? n.line : next !== null ? next.line : b.endLine, near);
      vidx = this.newLocalvar(n.name);
      const kind = n.attrib === 'const' ? RDKCONST : n.attrib === 'close' ? RDKTOCLOSE : VDKREG;
      this.varDesc(fs, vidx).kind = kind;
      if (kind === RDKTOCLOSE) {
        if (toclose !== -1) this.semerror('multiple to-be-closed variables in local list', n.line);
        toclose = fs.nactvar + i;
      }
    }
    const nvars = names.length;
    const [e, nexps] = this.explist(s.exprs);
    const last = this.varDesc(fs, vidx);
    const cst = nvars === nexps && last.kind === RDKCONST ? fs.exp2const(e) : undefined;
    if (cst !== undefined) {
      // the last variable is a compile-time constant: it takes no register
      last.kind = RDKCTC;
      last.k = cst.v;
      this.adjustlocalvars(nvars - 1);
      fs.nactvar++;
    } else {
      this.adjustAssign(nvars, nexps, e, s.line);
      this.adjustlocalvars(nvars);
    }
    if (toclose !== -1) {
      this.marktobeclosed();
      fs.codeABC(Op.TBC, fs.reglevel(toclose), 0, 0, s.line);
    }
  }

  /** Compile an expression list; the last expression is left open. */
  private explist(exprs: Expr[]): [ExpDesc, number] {
    if (exprs.length === 0) return [ExpDesc.of(EK.VOID, 0, this.errLine), 0];
    let e = this.expr(exprs[0]);
    for (let i = 1; i < exprs.length; i++) {
      // the reference closes an item when the next one is its lookahead
      this.at(exprs[i].line, simpleToken(exprs[i]));
      this.fs.exp2nextreg(e);
      e = this.expr(exprs[i]);
    }
    return [e, exprs.length];
  }

  /** Adjust nexps values (the last being e) to nvars registers. */
  private adjustAssign(nvars: number, nexps: number, e: ExpDesc, line: number): void {
    const fs = this.fs;
    const needed = nvars - nexps;
    if (hasMultRet(e.k)) {
      const extra = needed + 1 < 0 ? 0 : needed + 1;
      fs.setreturns(e, extra);
    } else {
      if (e.k !== EK.VOID) fs.exp2nextreg(e);
      if (needed > 0) fs.loadNil(fs.freereg, needed, line);
    }
    if (needed > 0) fs.reserveregs(needed);
    else fs.freereg += needed;
  }

  private checkReadonly(e: ExpDesc, line: number): void {
    const fs = this.fs;
    let varname: string | null = null;
    switch (e.k) {
      case EK.CONST:
        varname = this.actvar[e.info].name;
        break;
      case EK.LOCAL: {
        const vd = this.varDesc(fs, e.vidx);
        if (vd.kind !== VDKREG) varname = vd.name;
        break;
      }
      case EK.UPVAL: {
        const up = fs.f.upvalues[e.info];
        if (up.kind !== VDKREG) varname = up.name;
        break;
      }
      default:
        return;
    }
    if (varname !== null) this.semerror(`attempt to assign to const variable '${varname}'`, line);
  }

  /**
   * A local/upvalue `v` assigned in a multiple assignment is also the table or key of an
   * earlier target: that target must use a copy of the old value.
   */
  private checkConflict(lhs: ExpDesc[], v: ExpDesc, line: number): void {
    const fs = this.fs;
    const extra = fs.freereg;
    let conflict = false;
    for (const lh of lhs) {
      if (!isIndexed(lh.k)) continue;
      if (lh.k === EK.INDEXUP) {
        if (v.k === EK.UPVAL && lh.indT === v.info) {
          conflict = true;
          lh.k = EK.INDEXSTR;
          lh.indT = extra;
        }
      } else {
        if (v.k === EK.LOCAL && lh.indT === v.ridx) {
          conflict = true;
          lh.indT = extra;
        }
        if (lh.k === EK.INDEXED && v.k === EK.LOCAL && lh.indIdx === v.ridx) {
          conflict = true;
          lh.indIdx = extra;
        }
      }
    }
    if (conflict) {
      if (v.k === EK.LOCAL) fs.codeABC(Op.MOVE, extra, v.ridx, 0, line);
      else fs.codeABC(Op.GETUPVAL, extra, v.info, 0, line);
      fs.reserveregs(1);
    }
  }

  private assignstat(s: AssignStat): void {
    const fs = this.fs;
    const lhs: ExpDesc[] = [];
    for (let i = 0; i < s.targets.length; i++) {
      const target = s.targets[i];
      const v = this.expr(target);
      if (i > 0 && !isIndexed(v.k)) this.checkConflict(lhs, v, target.line);
      this.checkReadonly(v, s.checkLines?.[i] ?? target.line);
      lhs.push(v);
    }
    const nvars = lhs.length;
    const [e, nexps] = this.explist(s.exprs);
    // the reference stores after reading the whole list: the line of its last token
    const line = exprEndLine(s.exprs[s.exprs.length - 1]);
    let i = nvars - 1;
    if (nexps !== nvars) {
      this.adjustAssign(nvars, nexps, e, line);
    } else {
      fs.setoneret(e);
      fs.storevar(lhs[i], e, line);
      i--;
    }
    for (; i >= 0; i--) {
      fs.storevar(lhs[i], ExpDesc.of(EK.NONRELOC, fs.freereg - 1, line), line);
    }
  }

  /** Condition of a loop: returns the jump list taken when it is false. */
  private cond(e: Expr, line: number): number {
    const v = this.expr(e);
    if (v.k === EK.NIL) v.k = EK.FALSE;
    this.fs.goiftrue(v, line);
    return v.f;
  }

  private whilestat(s: WhileStat): void {
    const fs = this.fs;
    const whileinit = fs.getlabel();
    const condexit = this.cond(s.cond, s.line);
    this.enterblock(new BlockCnt(), true);
    this.block(s.body, s.line);
    fs.jumpto(whileinit, lastTokenLine(s.body, s.line));
    this.leaveblock(s.body.endLine, s.body.endLine);
    fs.patchtohere(condexit);
  }

  private repeatstat(s: RepeatStat): void {
    const fs = this.fs;
    const repeatInit = fs.getlabel();
    const untilLine = s.body.endLine;
    const condEnd = exprEndLine(s.cond);
    this.enterblock(new BlockCnt(), true); // loop block
    const bl2 = new BlockCnt();
    this.enterblock(bl2, false); // scope block: the condition sees the body's locals
    this.statlist(s.body, 0, true);
    this.at(untilLine);
    let condexit = this.cond(s.cond, condEnd);
    this.leaveblock(condEnd, condEnd);
    if (bl2.upval) {
      // the repetition must close the upvalues of the iteration
      const exit = fs.jump(condEnd);
      fs.patchtohere(condexit);
      fs.codeABC(Op.CLOSE, fs.reglevel(bl2.nactvar), 0, 0, condEnd);
      condexit = fs.jump(condEnd);
      fs.patchtohere(exit);
    }
    fs.patchlist(condexit, repeatInit);
    this.leaveblock(condEnd, condEnd);
  }

  private ifstat(s: IfStat): void {
    const fs = this.fs;
    let escapelist = NO_JUMP;
    for (let i = 0; i < s.clauses.length; i++) {
      const more = i + 1 < s.clauses.length || s.orelse !== null;
      escapelist = this.testThenBlock(s.clauses[i], escapelist, more);
    }
    if (s.orelse !== null) this.block(s.orelse, s.line);
    fs.patchtohere(escapelist);
  }

  private testThenBlock(clause: IfStat['clauses'][number], escapelist: number, more: boolean): number {
    const fs = this.fs;
    const body = clause.body;
    const v = this.expr(clause.cond);
    let jf: number;
    let start = 0;
    if (body.stats.length > 0 && body.stats[0].kind === 'Break') {
      // `if cond then break`: the condition's true exits are the break itself
      const line = body.stats[0].line;
      fs.goiffalse(v, clause.line);
      this.enterblock(new BlockCnt(), false);
      this.newgotoentry('break', line, v.t);
      if (body.stats.length === 1) {
        this.leaveblock(line, body.endLine);
        return escapelist;
      }
      jf = fs.jump(line);
      start = 1;
    } else {
      fs.goiftrue(v, clause.line);
      this.enterblock(new BlockCnt(), false);
      jf = v.f;
    }
    this.statlist(body, start, false);
    const last = lastTokenLine(body, clause.line);
    this.leaveblock(last, body.endLine);
    if (more) escapelist = fs.concat(escapelist, fs.jump(last));
    fs.patchtohere(jf);
    return escapelist;
  }

  /** Loop body of a numeric (isgen false) or generic for, after its control registers. */
  private forbody(base: number, line: number, doLine: number, nvars: number, isgen: boolean, body: Block): void {
    const fs = this.fs;
    const prep = fs.codeABx(isgen ? Op.TFORPREP : Op.FORPREP, base, 0, doLine);
    this.enterblock(new BlockCnt(), false);
    this.adjustlocalvars(nvars);
    fs.reserveregs(nvars);
    this.block(body, line);
    this.leaveblock(lastTokenLine(body, line), body.endLine);
    fs.fixforjump(prep, fs.getlabel(), false);
    if (isgen) fs.codeABC(Op.TFORCALL, base, 0, nvars, line);
    const endfor = fs.codeABx(isgen ? Op.TFORLOOP : Op.FORLOOP, base, 0, line);
    fs.fixforjump(endfor, prep + 1, true);
  }

  private fornum(s: NumericForStat): void {
    const fs = this.fs;
    this.enterblock(new BlockCnt(), true);
    const base = fs.freereg;
    this.at(s.line, "'='");
    this.newLocalvar('(for state)');
    this.newLocalvar('(for state)');
    this.newLocalvar('(for state)');
    this.newLocalvar(s.name);
    this.exp1(s.start);
    this.exp1(s.limit);
    if (s.step !== null) this.exp1(s.step);
    else {
      fs.loadInt(fs.freereg, 1, s.limit.line);
      fs.reserveregs(1);
    }
    this.adjustlocalvars(3);
    this.forbody(base, s.line, exprEndLine(s.step ?? s.limit), 1, false, s.body);
    this.leaveblock(s.body.endLine, s.body.endLine);
  }

  private exp1(e: Expr): void {
    const v = this.expr(e);
    this.fs.exp2nextreg(v);
  }

  private forlist(s: GenericForStat): void {
    const fs = this.fs;
    this.enterblock(new BlockCnt(), true);
    const base = fs.freereg;
    this.at(s.line, s.names.length > 1 ? "','" : "'in'");
    for (let i = 0; i < 4; i++) this.newLocalvar('(for state)');
    for (let i = 0; i < s.names.length; i++) {
      this.errNear = i + 1 < s.names.length ? "','" : "'in'";
      this.newLocalvar(s.names[i]);
    }
    const line = startLine(s.exprs[0]);
    const [e, nexps] = this.explist(s.exprs);
    this.adjustAssign(4, nexps, e, line);
    this.adjustlocalvars(4);
    this.marktobeclosed(); // the 4th control variable is to be closed
    fs.checkstack(3); // room to call the iterator
    this.forbody(base, line, exprEndLine(s.exprs[s.exprs.length - 1]), s.names.length, true, s.body);
    this.leaveblock(s.body.endLine, s.body.endLine);
  }

  private fieldsel(v: ExpDesc, name: string, line: number): void {
    this.fs.exp2anyregup(v);
    const key = ExpDesc.of(EK.KSTR, 0, line);
    key.value = name;
    this.fs.indexed(v, key, line);
  }

  private funcstat(s: FunctionStat): void {
    const fs = this.fs;
    const v = this.singlevar(s.path[0], s.line);
    for (let i = 1; i < s.path.length; i++) this.fieldsel(v, s.path[i], s.line);
    if (s.method !== null) this.fieldsel(v, s.method, s.line);
    const b = this.body(s.func, s.method !== null);
    this.checkReadonly(v, this.afterStat);
    // the definition "happens" on the line of `function`
    fs.storevar(v, b, s.line);
  }

  private localfunc(s: LocalFunctionStat): void {
    const fs = this.fs;
    const fvar = fs.nactvar;
    this.at(s.line, "'('");
    this.newLocalvar(s.name);
    this.adjustlocalvars(1); // in scope in its own body: recursion works
    this.body(s.func, false);
    // debug information sees the variable only after the closure is made
    fs.f.locvars[this.varDesc(fs, fvar).pidx].startpc = fs.pc;
  }

  private retstat(s: ReturnStat): void {
    const fs = this.fs;
    let first = fs.nvarstack();
    let nret: number;
    if (s.exprs.length === 0) nret = 0;
    else {
      const [e, n] = this.explist(s.exprs);
      nret = n;
      if (hasMultRet(e.k)) {
        fs.setmultret(e);
        if (e.k === EK.CALL && nret === 1 && !fs.bl!.insidetbc) {
          fs.setInstruction(e.info, FuncState.setOp(fs.instruction(e.info), Op.TAILCALL));
        }
        nret = -1;
      } else if (nret === 1) {
        first = fs.exp2anyreg(e);
      } else {
        fs.exp2nextreg(e);
        first = fs.nvarstack();
      }
    }
    fs.ret(first, nret, s.line);
  }

  private gotostat(s: GotoStat): void {
    const fs = this.fs;
    const lb = this.findlabel(s.label);
    if (lb === undefined) {
      this.newgotoentry(s.label, s.line, fs.jump(s.line)); // forward: resolved by the label
    } else {
      // backward jump: close the variables it leaves
      const lblevel = fs.reglevel(lb.nactvar);
      if (fs.nvarstack() > lblevel) fs.codeABC(Op.CLOSE, lblevel, 0, 0, s.line);
      fs.patchlist(fs.jump(s.line), lb.pc);
    }
  }

  // ---- expressions ------------------------------------------------------------------------------

  /** Compile an expression into a descriptor (not discharged). */
  private expr(e: Expr): ExpDesc {
    const fs = this.fs;
    const line = e.line;
    this.at(line, simpleToken(e));
    switch (e.kind) {
      case 'Nil': return ExpDesc.of(EK.NIL, 0, line);
      case 'True': return ExpDesc.of(EK.TRUE, 0, line);
      case 'False': return ExpDesc.of(EK.FALSE, 0, line);
      case 'Number': {
        const v = e.value;
        const isFloat = v instanceof LuaFloat || (typeof v === 'number' && !Number.isInteger(v));
        const d = ExpDesc.of(isFloat ? EK.KFLT : EK.KINT, 0, line);
        d.value = v;
        return d;
      }
      case 'String': {
        const d = ExpDesc.of(EK.KSTR, 0, line);
        d.value = e.value;
        return d;
      }
      case 'Vararg':
        if (!fs.f.isVararg) this.syntaxError("cannot use '...' outside a vararg function");
        return ExpDesc.of(EK.VARARG, fs.codeABC(Op.VARARG, 0, 0, 1, line), line);
      case 'Function':
        return this.body(e.func, false);
      case 'Table':
        return this.constructor_(e);
      case 'Binop':
        return this.binop(e);
      case 'Unop': {
        const v = this.expr(e.operand);
        fs.prefix(e.op, v, line);
        return v;
      }
      case 'Name':
        return this.singlevar(e.name, line);
      case 'Paren': {
        const v = this.expr(e.expr);
        fs.dischargevars(v); // truncates calls and varargs to one value
        return v;
      }
      case 'Index':
      case 'Call':
      case 'MethodCall':
        return this.suffixedexp(e);
    }
  }

  /** Binary operators; left-nested chains (a + b + c ...) are walked iteratively. */
  private binop(e: BinopExpr): ExpDesc {
    const fs = this.fs;
    const spine: BinopExpr[] = [e];
    let leftmost: Expr = e.left;
    while (leftmost.kind === 'Binop') {
      spine.push(leftmost);
      leftmost = leftmost.left;
    }
    const v = this.expr(leftmost);
    for (let i = spine.length - 1; i >= 0; i--) {
      const node = spine[i];
      fs.infix(node.op, v, node.line);
      const v2 = this.expr(node.right);
      fs.posfix(node.op, v, v2, node.line, node.endLine ?? node.line);
      v.line = node.line;
    }
    return v;
  }

  /** Index/call/method chains (a.b[c]:d(e)(f)...), walked iteratively from the primary. */
  private suffixedexp(e: IndexExpr | CallExpr | MethodCallExpr): ExpDesc {
    const fs = this.fs;
    const spine: (IndexExpr | CallExpr | MethodCallExpr)[] = [e];
    let primary: Expr = e.kind === 'Call' ? e.func : e.obj;
    while (primary.kind === 'Index' || primary.kind === 'Call' || primary.kind === 'MethodCall') {
      spine.push(primary);
      primary = primary.kind === 'Call' ? primary.func : primary.obj;
    }
    const v = this.expr(primary);
    for (let i = spine.length - 1; i >= 0; i--) {
      const node = spine[i];
      this.at(node.line);
      switch (node.kind) {
        case 'Index': {
          fs.exp2anyregup(v);
          const k = this.expr(node.key);
          fs.exp2val(k);
          fs.indexed(v, k, node.line);
          break;
        }
        case 'MethodCall':
          fs.self(v, node.name, node.nameLine);
          this.funcargs(v, node.args, node.line);
          break;
        case 'Call':
          fs.exp2nextreg(v);
          this.funcargs(v, node.args, node.line);
          break;
      }
    }
    return v;
  }

  /** Arguments and CALL for the function in register f.info; f becomes the open call. */
  private funcargs(f: ExpDesc, args: Expr[], line: number): void {
    const fs = this.fs;
    const [a] = this.explist(args);
    if (hasMultRet(a.k)) fs.setmultret(a);
    const base = f.info;
    let nparams: number;
    if (hasMultRet(a.k)) nparams = -1;
    else {
      if (a.k !== EK.VOID) fs.exp2nextreg(a);
      nparams = fs.freereg - (base + 1);
    }
    f.k = EK.CALL;
    f.info = fs.codeABC(Op.CALL, base, nparams + 1, 2, line);
    f.t = f.f = NO_JUMP;
    f.line = line;
    fs.freereg = base + 1; // the call leaves one result (unless changed later)
  }

  private constructor_(t: TableExpr): ExpDesc {
    const fs = this.fs;
    const pc = fs.codeABC(Op.NEWTABLE, 0, 0, 0, t.line);
    const te = ExpDesc.of(EK.NONRELOC, fs.freereg, t.line);
    fs.reserveregs(1);
    let na = 0; // array items stored
    let nh = 0; // hash items
    let tostore = 0; // pending array items
    let pending = ExpDesc.of(EK.VOID, 0, t.line); // last array item, not yet in a register
    for (const item of t.items) {
      if (pending.k !== EK.VOID) {
        fs.exp2nextreg(pending);
        pending = ExpDesc.of(EK.VOID, 0, t.line);
        if (tostore === LFIELDS_PER_FLUSH) {
          fs.setlist(te.info, na, tostore, this.errLine);
          na += tostore;
          tostore = 0;
        }
      }
      if (item.kind === 'Positional') {
        pending = this.expr(item.value);
        tostore++;
      } else {
        const reg = fs.freereg;
        let key: ExpDesc;
        if (item.kind === 'Named') {
          key = ExpDesc.of(EK.KSTR, 0, item.line);
          key.value = item.name;
        } else {
          key = this.expr(item.key);
          fs.exp2val(key);
        }
        nh++;
        const tab = new ExpDesc();
        tab.copyFrom(te);
        fs.indexed(tab, key, item.line);
        const val = this.expr(item.value);
        fs.storevar(tab, val, item.line);
        fs.freereg = reg;
      }
    }
    if (tostore > 0) {
      if (hasMultRet(pending.k)) {
        fs.setmultret(pending);
        fs.setlist(te.info, na, -1, t.endLine);
        na--; // the open item is not counted
      } else {
        if (pending.k !== EK.VOID) fs.exp2nextreg(pending);
        fs.setlist(te.info, na, tostore, t.endLine);
      }
      na += tostore;
    }
    fs.setInstruction(pc, encABC(Op.NEWTABLE, te.info, 0, 0));
    fs.settablesize(pc, na, nh);
    return te;
  }
}

// ---- token helpers for error positions ---------------------------------------------------------

/** Line of the first token of an expression. */
function startLine(e: Expr): number {
  for (;;) {
    switch (e.kind) {
      case 'Binop': e = e.left; break;
      case 'Index': case 'MethodCall': e = e.obj; break;
      case 'Call': return e.line;
      default: return e.line;
    }
  }
}

/** Line of the last token of an expression (approximate where the AST has no closing token). */
function exprEndLine(e: Expr): number {
  for (;;) {
    switch (e.kind) {
      case 'Call': case 'MethodCall': case 'Table': return e.endLine;
      case 'Function': return e.func.lastLine;
      case 'Binop': e = e.right; break;
      case 'Unop': e = e.operand; break;
      case 'Index': e = e.key; break;
      case 'Paren': e = e.expr; break;
      default: return e.line;
    }
  }
}

/** The function whose `end` is the last token of statement s, if any. */
function trailingFunc(s: Stat): FuncBody | null {
  let e: Expr;
  switch (s.kind) {
    case 'Function': case 'LocalFunction': return s.func;
    case 'Local': case 'Assign': case 'Return':
      if (s.exprs.length === 0) return null;
      e = s.exprs[s.exprs.length - 1];
      break;
    default: return null;
  }
  for (;;) {
    switch (e.kind) {
      case 'Function': return e.func;
      case 'Binop': e = e.right; break;
      case 'Unop': e = e.operand; break;
      default: return null;
    }
  }
}

/** Line of the last token of a statement. */
function statEndLine(s: Stat): number {
  switch (s.kind) {
    case 'Local':
      return s.exprs.length > 0 ? exprEndLine(s.exprs[s.exprs.length - 1]) : s.names[s.names.length - 1].line;
    case 'Assign': return exprEndLine(s.exprs[s.exprs.length - 1]);
    case 'CallStat': return s.call.endLine;
    case 'Do': case 'While': case 'NumericFor': case 'GenericFor': return s.body.endLine;
    case 'If': return s.orelse !== null ? s.orelse.endLine : s.clauses[s.clauses.length - 1].body.endLine;
    case 'Repeat': return exprEndLine(s.cond);
    case 'Function': case 'LocalFunction': return s.func.lastLine;
    case 'Return': return s.exprs.length > 0 ? exprEndLine(s.exprs[s.exprs.length - 1]) : s.line;
    default: return s.line;
  }
}

/** Line of the last token inside a block (fallback: the line of the token opening it). */
function lastTokenLine(b: Block, fallback: number): number {
  return b.stats.length > 0 ? statEndLine(b.stats[b.stats.length - 1]) : fallback;
}

/** Text of an expression's first token as the reference quotes it, when it is simple. */
function simpleToken(e: Expr): string | null {
  switch (e.kind) {
    case 'Name': return `'${e.name}'`;
    case 'Nil': return "'nil'";
    case 'True': return "'true'";
    case 'False': return "'false'";
    case 'Vararg': return "'...'";
    case 'Function': return "'function'";
    case 'Table': return "'{'";
    case 'Paren': return "'('";
    case 'Unop': return `'${e.op}'`;
    default: return null;
  }
}

function firstToken(s: Stat): string | null {
  switch (s.kind) {
    case 'Local': case 'LocalFunction': return "'local'";
    case 'Function': return "'function'";
    case 'Return': return "'return'";
    case 'Break': return "'break'";
    case 'Goto': return "'goto'";
    case 'Label': return "'::'";
    case 'Do': return "'do'";
    case 'While': return "'while'";
    case 'Repeat': return "'repeat'";
    case 'If': return "'if'";
    case 'NumericFor': case 'GenericFor': return "'for'";
    case 'Assign': {
      let t: Expr = s.targets[0];
      while (t.kind === 'Index') t = t.obj;
      return simpleToken(t);
    }
    case 'CallStat': {
      let t: Expr = s.call;
      for (;;) {
        if (t.kind === 'Call') t = t.func;
        else if (t.kind === 'MethodCall' || t.kind === 'Index') t = t.obj;
        else break;
      }
      return simpleToken(t);
    }
  }
}

/** The token that ends a block is not in the AST, except for the main chunk's <eof>. */
function blockEndToken(b: Block, mainBody: Block | null): string | null {
  return b === mainBody ? '<eof>' : null;
}
