// Debug information: variable and function names for error messages (the equivalent of
// ldebug.c's getobjname / funcnamefromcode, by symbolic execution of our bytecode), positions
// ("chunk:line:"), luaL_where, luaL_traceback and luaO_chunkid.

import { CANONICAL_OP, Op, OFFSET_sJ } from '../bytecode/opcodes.js';
import type { Proto } from '../bytecode/proto.js';
import { LuaException } from '../runtime/error.js';
import { LuaTable } from '../runtime/table.js';
import type { LuaValue } from '../runtime/value.js';
import { CIST_HOOKED, CIST_TAIL, type CallInfo } from './callinfo.js';
import type { LuaState, LuaThread } from './state.js';
import { typeName, getMetatable } from './ops.js';

// ---- chunk names -------------------------------------------------------------------------------

const LUA_IDSIZE = 60;

/** luaO_chunkid: the "short source" of a chunk name ("=stdin" -> "stdin", "@f.lua" -> "f.lua"). */
export function chunkid(source: string): string {
  if (source.startsWith('=')) {
    return source.length <= LUA_IDSIZE ? source.slice(1) : source.slice(1, LUA_IDSIZE);
  }
  if (source.startsWith('@')) {
    return source.length <= LUA_IDSIZE ? source.slice(1) : '...' + source.slice(source.length - (LUA_IDSIZE - 4));
  }
  const nl = source.indexOf('\n');
  const avail = LUA_IDSIZE - 15; // '[string "' + '..."' + '"]' + '\0'
  if (source.length < avail && nl < 0) return `[string "${source}"]`;
  let n = nl >= 0 ? nl : source.length;
  if (n > avail) n = avail;
  return `[string "${source.slice(0, n)}..."]`;
}

// ---- positions -----------------------------------------------------------------------------------

/** Index of the instruction being executed by a Lua frame. */
export function currentpc(ci: CallInfo): number {
  return ci.savedpc > 0 ? ci.savedpc - 1 : 0;
}

export function currentline(ci: CallInfo): number {
  const p = ci.cl!.proto;
  const li = p.lineinfo;
  const pc = currentpc(ci);
  return pc < li.length ? li[pc] : -1;
}

/** "chunk:line: " of a Lua frame. */
export function positionOf(ci: CallInfo): string {
  return `${chunkid(ci.cl!.proto.source)}:${currentline(ci)}: `;
}

/** Add "chunk:line: " to an exception raised with needsPosition, if the running frame is Lua. */
export function addPosition(L: LuaThread, ex: LuaException): void {
  if (!ex.needsPosition) return;
  ex.needsPosition = false;
  const ci = L.ci;
  if (ci.cl !== null && typeof ex.value === 'string') ex.value = positionOf(ci) + ex.value;
}

// ---- symbolic execution (ldebug.c) ---------------------------------------------------------------

/** Does the instruction set register A? (lopcodes.c testAMode) */
const SETS_A = new Uint8Array(256);
for (const o of [
  Op.MOVE, Op.LOADI, Op.LOADF, Op.LOADK, Op.LOADKX, Op.LOADFALSE, Op.LFALSESKIP, Op.LOADTRUE,
  Op.LOADNIL, Op.GETUPVAL, Op.GETTABUP, Op.GETTABLE, Op.GETI, Op.GETFIELD, Op.NEWTABLE, Op.SELF,
  Op.ADDI, Op.ADDK, Op.SUBK, Op.MULK, Op.MODK, Op.POWK, Op.DIVK, Op.IDIVK, Op.BANDK, Op.BORK,
  Op.BXORK, Op.SHRI, Op.SHLI, Op.ADD, Op.SUB, Op.MUL, Op.MOD, Op.POW, Op.DIV, Op.IDIV, Op.BAND,
  Op.BOR, Op.BXOR, Op.SHL, Op.SHR, Op.UNM, Op.BNOT, Op.NOT, Op.LEN, Op.CONCAT, Op.TESTSET,
  Op.CALL, Op.TAILCALL, Op.FORLOOP, Op.FORPREP, Op.TFORLOOP, Op.CLOSURE, Op.VARARG,
  Op.VARARGPREP,
]) SETS_A[o] = 1;

const getA = (i: number): number => (i >>> 8) & 0xff;
const getB = (i: number): number => (i >>> 16) & 0xff;
const getC = (i: number): number => i >>> 24;

/** luaF_getlocalname: name of the n-th (1-based) active local at pc. */
export function getlocalname(p: Proto, n: number, pc: number): string | undefined {
  const lv = p.locvars;
  for (let i = 0; i < lv.length && lv[i].startpc <= pc; i++) {
    if (pc < lv[i].endpc) {
      n--;
      if (n === 0) return lv[i].name;
    }
  }
  return undefined;
}

function upvalname(p: Proto, uv: number): string {
  const d = p.upvalues[uv];
  return d === undefined || d.name === '' ? '?' : d.name;
}

/** Last instruction before lastpc that changed register reg (-1 if unknown). */
function findsetreg(p: Proto, lastpc: number, reg: number): number {
  const code = p.code;
  let setreg = -1;
  let jmptarget = 0;
  for (let pc = 0; pc < lastpc; pc++) {
    const i = code[pc];
    const op = CANONICAL_OP[i & 0xff]; // (quickened forms behave as their canonical opcode)
    const a = getA(i);
    let change: boolean;
    switch (op) {
      case Op.LOADNIL:
        change = a <= reg && reg <= a + getB(i);
        break;
      case Op.TFORCALL:
        change = reg >= a + 2;
        break;
      case Op.CALL:
      case Op.TAILCALL:
        change = reg >= a;
        break;
      case Op.JMP: {
        const dest = pc + 1 + ((i >>> 8) - OFFSET_sJ);
        if (dest <= lastpc && dest > jmptarget) jmptarget = dest;
        change = false;
        break;
      }
      default:
        change = SETS_A[op] === 1 && reg === a;
    }
    if (change) setreg = pc < jmptarget ? -1 : pc;
  }
  return setreg;
}

export interface ObjName {
  kind: string;
  name: string;
}

function kname(p: Proto, c: number): string {
  const v = p.constants[c];
  return typeof v === 'string' ? v : '?';
}

function rname(p: Proto, pc: number, c: number): string {
  const r = getobjname(p, pc, c);
  return r !== undefined && r.kind === 'constant' ? r.name : '?';
}

/** "global" if the table indexed by instruction i is _ENV, else "field". */
function gxf(p: Proto, pc: number, i: number, isup: boolean): string {
  const t = getB(i);
  const name = isup ? upvalname(p, t) : getobjname(p, pc, t)?.name;
  return name === '_ENV' ? 'global' : 'field';
}

/** getobjname: what register `reg` holds at `lastpc` ("local 'x'", "global 'f'", ...). */
export function getobjname(p: Proto, lastpc: number, reg: number): ObjName | undefined {
  const lname = getlocalname(p, reg + 1, lastpc);
  if (lname !== undefined) return { kind: 'local', name: lname };
  const pc = findsetreg(p, lastpc, reg);
  if (pc === -1) return undefined;
  const i = p.code[pc];
  switch (CANONICAL_OP[i & 0xff]) {
    case Op.MOVE: {
      const b = getB(i);
      if (b < getA(i)) return getobjname(p, pc, b);
      break;
    }
    case Op.GETTABUP:
      return { kind: gxf(p, pc, i, true), name: kname(p, getC(i)) };
    case Op.GETTABLE:
      return { kind: gxf(p, pc, i, false), name: rname(p, pc, getC(i)) };
    case Op.GETI:
      return { kind: 'field', name: 'integer index' };
    case Op.GETFIELD:
      return { kind: gxf(p, pc, i, false), name: kname(p, getC(i)) };
    case Op.GETUPVAL:
      return { kind: 'upvalue', name: upvalname(p, getB(i)) };
    case Op.LOADK:
    case Op.LOADKX: {
      const b = (i & 0xff) === Op.LOADK ? i >>> 16 : p.code[pc + 1] >>> 8;
      const v = p.constants[b];
      if (typeof v === 'string') return { kind: 'constant', name: v };
      break;
    }
    case Op.SELF:
      return { kind: 'method', name: kname(p, getC(i)) };
  }
  return undefined;
}

/** Metamethod event names (without "__") of instructions that can call metamethods. */
const MM_EVENT: (string | undefined)[] = [];
function ev(name: string, ...ops: Op[]): void {
  for (const o of ops) MM_EVENT[o] = name;
}
ev('index', Op.SELF, Op.GETTABUP, Op.GETTABLE, Op.GETI, Op.GETFIELD);
ev('newindex', Op.SETTABUP, Op.SETTABUPK, Op.SETTABLE, Op.SETTABLEK, Op.SETI, Op.SETIK, Op.SETFIELD, Op.SETFIELDK);
ev('add', Op.ADDI, Op.ADDK, Op.ADD);
ev('sub', Op.SUBK, Op.SUB);
ev('mul', Op.MULK, Op.MUL);
ev('mod', Op.MODK, Op.MOD);
ev('pow', Op.POWK, Op.POW);
ev('div', Op.DIVK, Op.DIV);
ev('idiv', Op.IDIVK, Op.IDIV);
ev('band', Op.BANDK, Op.BAND);
ev('bor', Op.BORK, Op.BOR);
ev('bxor', Op.BXORK, Op.BXOR);
ev('shl', Op.SHLI, Op.SHL);
ev('shr', Op.SHRI, Op.SHR);
ev('unm', Op.UNM);
ev('bnot', Op.BNOT);
ev('len', Op.LEN);
ev('concat', Op.CONCAT);
ev('eq', Op.EQ);
ev('lt', Op.LT, Op.LTI, Op.GTI);
ev('le', Op.LE, Op.LEI, Op.GEI);
ev('close', Op.CLOSE, Op.RETURN);

/** funcnamefromcode: name of the function called by the instruction at pc. */
export function funcnamefromcode(p: Proto, pc: number): ObjName | undefined {
  const i = p.code[pc];
  const op = CANONICAL_OP[i & 0xff];
  switch (op) {
    case Op.CALL:
    case Op.TAILCALL:
      return getobjname(p, pc, getA(i));
    case Op.TFORCALL:
      return { kind: 'for iterator', name: 'for iterator' };
  }
  const e = MM_EVENT[op];
  return e === undefined ? undefined : { kind: 'metamethod', name: e };
}

/** funcnamefromcall for a calling frame (undefined for natives). */
export function funcnamefromcall(ci: CallInfo): ObjName | undefined {
  if ((ci.callstatus & CIST_HOOKED) !== 0) return { kind: 'hook', name: '?' };
  if (ci.cl === null) return undefined;
  return funcnamefromcode(ci.cl.proto, currentpc(ci));
}

// ---- messages with variable information ----------------------------------------------------------

/** Source of an operand for varinfo: a register (>= 0), an upvalue (-1 - index), or NOSRC. */
export const NOSRC = -0x40000000;

/** " (local 'x')"-style suffix for an operand of the running Lua frame ci. */
export function varinfo(ci: CallInfo | null, src: number): string {
  if (ci === null || ci.cl === null || src === NOSRC) return '';
  const p = ci.cl.proto;
  let r: ObjName | undefined;
  if (src < 0) r = { kind: 'upvalue', name: upvalname(p, -1 - src) };
  else r = getobjname(p, currentpc(ci), src);
  if (r === undefined) return '';
  // lua_pushfstring's %s stops at the first NUL of the name (a string constant like '5\0')
  const nul = r.name.indexOf('\0');
  return ` (${r.kind} '${nul < 0 ? r.name : r.name.slice(0, nul)}')`;
}

/** luaT_objtypename: __name of the metatable (tables and userdata) or the type name. */
export function objtypename(S: LuaState, v: LuaValue): string {
  if (typeof v === 'object' && (v instanceof LuaTable || typeName(v) === 'userdata')) {
    const mt = getMetatable(S, v);
    if (mt !== undefined) {
      const n = mt.getStr('__name');
      if (typeof n === 'string') return n.indexOf('\0') < 0 ? n : n.slice(0, n.indexOf('\0')); // "%s" of a C string
    }
  }
  return typeName(v);
}

function err(msg: string): never {
  throw new LuaException(msg, true);
}

/** luaG_typeerror: "attempt to <op> a <type> value (<varinfo>)". ci: the running Lua frame or null. */
export function typeError(L: LuaThread, ci: CallInfo | null, v: LuaValue, op: string, src: number): never {
  return err(`attempt to ${op} a ${objtypename(L.state, v)} value${varinfo(ci, src)}`);
}

/** luaG_callerror for the value at a call (named after the calling instruction when possible). */
export function callError(L: LuaThread, v: LuaValue): never {
  const ci = L.ci;
  const fn = funcnamefromcall(ci);
  const extra = fn !== undefined ? ` (${fn.kind} '${fn.name}')` : '';
  return err(`attempt to call a ${objtypename(L.state, v)} value${extra}`);
}

/** luaG_ordererror. */
export function orderError(L: LuaThread, a: LuaValue, b: LuaValue): never {
  const t1 = objtypename(L.state, a);
  const t2 = objtypename(L.state, b);
  if (t1 === t2) return err(`attempt to compare two ${t1} values`);
  return err(`attempt to compare ${t1} with ${t2}`);
}

/** luaG_forerror: "bad 'for' limit (number expected, got string)". */
export function forError(L: LuaThread, v: LuaValue, what: string): never {
  return err(`bad 'for' ${what} (number expected, got ${objtypename(L.state, v)})`);
}

// ---- stack levels ------------------------------------------------------------------------------

/** The CallInfo at `level` (0 = running function), or undefined. The base frame is not a level. */
export function ciAtLevel(L: LuaThread, level: number): CallInfo | undefined {
  if (level < 0) return undefined;
  const idx = L.ciIdx - level;
  return idx >= 1 ? L.cis[idx] : undefined;
}

/** getfuncname: how the function at `level` was called. */
export function funcNameAt(L: LuaThread, level: number): { name: string | undefined; namewhat: string } {
  const idx = L.ciIdx - level;
  if (idx < 1) return { name: undefined, namewhat: '' };
  const ci = L.cis[idx];
  if ((ci.callstatus & CIST_TAIL) !== 0) return { name: undefined, namewhat: '' };
  const r = funcnamefromcall(L.cis[idx - 1]);
  return r === undefined ? { name: undefined, namewhat: '' } : { name: r.name, namewhat: r.kind };
}

/** findfield (lauxlib): search `t` (depth `level`) for a string key whose value is fn. */
function findfield(t: LuaTable, fn: LuaValue, level: number): string | undefined {
  if (level === 0) return undefined;
  const out: LuaValue[] = [undefined, undefined];
  let key: LuaValue = undefined;
  while (t.next(key, out) === true) {
    key = out[0];
    const v = out[1];
    if (typeof key === 'string') {
      if (v === fn) return key;
      if (v instanceof LuaTable) {
        const sub = findfield(v, fn, level - 1);
        if (sub !== undefined) return key + '.' + sub;
      }
    }
  }
  return undefined;
}

/** pushglobalfuncname: "print", "string.rep"... for a function value. */
export function globalFuncName(S: LuaState, fn: LuaValue): string | undefined {
  const name = findfield(S.loaded, fn, 2);
  if (name === undefined) return undefined;
  return name.startsWith('_G.') ? name.slice(3) : name;
}

export function globalFuncNameAt(L: LuaThread, level: number): string | undefined {
  const ci = ciAtLevel(L, level);
  if (ci === undefined) return undefined;
  return globalFuncName(L.state, L.stack[ci.func]);
}

/** luaL_where: "chunk:line: " of the function at `level`, or "". */
export function whereAt(L: LuaThread, level: number): string {
  const ci = ciAtLevel(L, level);
  if (ci === undefined || ci.cl === null) return '';
  const line = currentline(ci);
  return line > 0 ? `${chunkid(ci.cl.proto.source)}:${line}: ` : '';
}

/** Description of a frame for tracebacks: "function 'name'", "local 'f'", "main chunk"... */
function describeFrame(L: LuaThread, idx: number): string {
  const ci = L.cis[idx];
  const g = globalFuncName(L.state, L.stack[ci.func]);
  if (g !== undefined) return `function '${g}'`;
  if ((ci.callstatus & CIST_TAIL) === 0) {
    const r = funcnamefromcall(L.cis[idx - 1]);
    if (r !== undefined) return `${r.kind} '${r.name}'`;
  }
  if (ci.cl === null) return '?';
  const p = ci.cl.proto;
  if (p.linedefined === 0) return 'main chunk';
  return `function <${chunkid(p.source)}:${p.linedefined}>`;
}

const LEVELS1 = 10;
const LEVELS2 = 11;

/** luaL_traceback of thread L from `level`. */
export function tracebackOf(L: LuaThread, msg: string | undefined, level: number): string {
  let s = msg !== undefined ? msg + '\n' : '';
  s += 'stack traceback:';
  const last = L.ciIdx - 1; // deepest level number
  if (level < 0) return s; // as lua_getstack, no frame has a negative level
  let limit2show = last - level > LEVELS1 + LEVELS2 ? LEVELS1 : -1;
  while (level <= last) {
    if (limit2show-- === 0) {
      // as lauxlib (which reports one level less than it skips)
      const n = last - level - LEVELS2;
      s += `\n\t...\t(skipping ${n} levels)`;
      level += n + 1;
      continue;
    }
    const idx = L.ciIdx - level;
    const ci = L.cis[idx];
    if (ci.cl === null) s += '\n\t[C]: in ';
    else {
      const line = currentline(ci);
      s += line > 0 ? `\n\t${chunkid(ci.cl.proto.source)}:${line}: in ` : `\n\t${chunkid(ci.cl.proto.source)}: in `;
    }
    s += describeFrame(L, idx);
    if ((ci.callstatus & CIST_TAIL) !== 0) s += '\n\t(...tail calls...)';
    level++;
  }
  return s;
}

// ---- for the debug library (lua_getinfo, lua_getlocal) -------------------------------------------

export interface DebugInfo {
  /** The function (a LuaClosure or NativeFunction value). */
  func: LuaValue;
  source: string;
  short_src: string;
  what: 'Lua' | 'C' | 'main';
  currentline: number;
  linedefined: number;
  lastlinedefined: number;
  name: string | undefined;
  namewhat: string;
  istailcall: boolean;
  nups: number;
  nparams: number;
  isvararg: boolean;
}

function protoOf(fn: LuaValue): Proto | undefined {
  const p = (fn as { proto?: Proto } | undefined)?.proto;
  return p;
}

/** lua_getinfo for a function value (no frame: currentline -1, no name). */
export function functionInfo(fn: LuaValue): DebugInfo {
  const p = protoOf(fn);
  if (p === undefined) {
    return {
      func: fn, source: '=[C]', short_src: '[C]', what: 'C', currentline: -1, linedefined: -1,
      lastlinedefined: -1, name: undefined, namewhat: '', istailcall: false, nups: 0, nparams: 0,
      isvararg: true,
    };
  }
  return {
    func: fn, source: p.source, short_src: chunkid(p.source), what: p.linedefined === 0 ? 'main' : 'Lua',
    currentline: -1, linedefined: p.linedefined, lastlinedefined: p.lastlinedefined, name: undefined,
    namewhat: '', istailcall: false, nups: p.upvalues.length, nparams: p.numparams, isvararg: p.isVararg,
  };
}

/** lua_getstack + lua_getinfo for the function at `level` of thread L, or undefined. */
export function getInfo(L: LuaThread, level: number): DebugInfo | undefined {
  const ci = ciAtLevel(L, level);
  if (ci === undefined) return undefined;
  const info = functionInfo(L.stack[ci.func]);
  if (ci.cl !== null) info.currentline = currentline(ci);
  const n = funcNameAt(L, level);
  info.name = n.name;
  info.namewhat = n.namewhat;
  info.istailcall = (ci.callstatus & CIST_TAIL) !== 0;
  return info;
}

/**
 * luaG_findlocal: the n-th local of the function at `level` (n < 0: the -n-th vararg), as
 * { name, idx } with idx the stack index (read/write L.stack[idx]), or undefined.
 */
export function findLocal(L: LuaThread, level: number, n: number): { name: string; idx: number } | undefined {
  const ci = ciAtLevel(L, level);
  if (ci === undefined) return undefined;
  const base = ci.func + 1;
  let name: string | undefined;
  if (ci.cl !== null) {
    if (n < 0) {
      const p = ci.cl.proto;
      if (p.isVararg && n >= -ci.nextraargs) return { name: '(vararg)', idx: ci.func - ci.nextraargs - (n + 1) };
      return undefined;
    }
    name = getlocalname(ci.cl.proto, n, currentpc(ci));
  }
  if (name === undefined) {
    const idx = L.ciIdx - level;
    const limit = idx === L.ciIdx ? L.top : L.cis[idx + 1].func;
    if (limit - base >= n && n > 0) name = ci.cl !== null ? '(temporary)' : '(C temporary)';
    else return undefined;
  }
  return { name, idx: base + (n - 1) };
}
