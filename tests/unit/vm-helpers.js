// Test helpers for the VM tests (not a test file itself).
//
// luacProto(source): compiles Lua source with the reference compiler (luac5.4 -l -l) and
// converts its listing into a Moonlet Proto (PUC 5.4 bytecode is nearly our ISA: the MMBIN*
// instructions are dropped, k-flag variants mapped to our *K opcodes, jumps re-targeted). This
// tests the interpreter independently of Moonlet's compiler. Set MOONLET_USE_COMPILER=1 to use
// src/frontend's compile() instead when it exists.
//
// newVM(): a LuaState with a minimal base library (print to a buffer, type, tostring,
// setmetatable, select, pcall, error, coroutine, ...) — or the real one when stdlib/base exists.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPCODES, encABC, encABx, encAsBx, encAx, encsJ } from '../../dist/bytecode/opcodes.js';
import { Proto } from '../../dist/bytecode/proto.js';
import { LuaFloat, LuaUserdata } from '../../dist/runtime/value.js';
import { LuaTable } from '../../dist/runtime/table.js';
import { LuaException } from '../../dist/runtime/error.js';
import { LuaState, LuaThread } from '../../dist/vm/state.js';
import { NativeFunction, LuaClosure } from '../../dist/vm/function.js';
import { loadProto } from '../../dist/vm/load.js';
import * as ops from '../../dist/vm/ops.js';
import { protectedFunctions } from '../../dist/stdlib/protected.js';
import { openCoroutine } from '../../dist/stdlib/coroutine.js';
import { numberToString, toInteger, floatToString14, arith } from '../../dist/runtime/number.js';

const here = dirname(fileURLToPath(import.meta.url));
const OP = Object.fromEntries(OPCODES.map((o) => [o.name, o.op]));

// ---- luac listing -> Proto ------------------------------------------------------------------

function parseString(s) {
  // s: the text between the quotes of luac's PrintString
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') { out += c; continue; }
    const d = s[++i];
    const simple = { '"': '"', '\\': '\\', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };
    if (d in simple) out += simple[d];
    else { out += String.fromCharCode(parseInt(s.slice(i, i + 3), 10)); i += 2; }
  }
  return out;
}

function parseConstant(type, text) {
  switch (type) {
    case 'N': return undefined;
    case 'B': return text === 'true';
    case 'S': return parseString(text.slice(1, -1));
    case 'I': {
      const b = BigInt(text);
      return b >= -9007199254740991n && b <= 9007199254740991n ? Number(b) : b;
    }
    case 'F': {
      let f;
      if (/^-?inf$/.test(text)) f = text[0] === '-' ? -Infinity : Infinity;
      else if (/nan/.test(text)) f = NaN;
      else f = Number(text);
      return Number.isInteger(f) ? new LuaFloat(f) : f;
    }
  }
  throw new Error('bad constant ' + type + ' ' + text);
}

function parseListing(text) {
  const lines = text.split('\n');
  const funcs = [];
  let cur = null;
  let section = null;
  for (const line of lines) {
    let m;
    if ((m = /^(main|function) <(.*):(\d+),(\d+)> \((\d+) instructions?/.exec(line))) {
      cur = { linedefined: +m[3], lastlinedefined: +m[4], code: [], k: [], locvars: [], upvalues: [], nprotos: 0 };
      funcs.push(cur);
      section = 'header';
      continue;
    }
    if (!cur) continue;
    if ((m = /^(\d+)(\+?) params?, (\d+) slots?, \d+ upvalues?, \d+ locals?, \d+ constants?, (\d+) functions?/.exec(line))) {
      cur.numparams = +m[1];
      cur.isVararg = m[2] === '+';
      cur.maxstacksize = +m[3];
      cur.nprotos = +m[4];
      section = 'code';
      continue;
    }
    if (/^constants \(/.test(line)) { section = 'k'; continue; }
    if (/^locals \(/.test(line)) { section = 'locals'; continue; }
    if (/^upvalues \(/.test(line)) { section = 'upvalues'; continue; }
    if (section === 'code' && (m = /^\t(\d+)\t\[(\d+)\]\t(\w+)\s*\t?([^;]*)/.exec(line))) {
      const args = m[4].trim().split(/\s+/).filter((x) => x !== '');
      const k = args.length > 0 && args[args.length - 1].endsWith('k');
      const nums = args.map((x) => parseInt(x, 10));
      cur.code.push({ line: +m[2], op: m[3], args: nums, k });
    } else if (section === 'k' && (m = /^\t(\d+)\t(\w)\t(.*)$/.exec(line))) {
      cur.k.push(parseConstant(m[2], m[3]));
    } else if (section === 'locals' && (m = /^\t(\d+)\t(.*)\t(\d+)\t(\d+)$/.exec(line))) {
      cur.locvars.push({ name: m[2], startpc: +m[3] - 1, endpc: +m[4] - 1 });
    } else if (section === 'upvalues' && (m = /^\t(\d+)\t(.*)\t(\d+)\t(\d+)$/.exec(line))) {
      cur.upvalues.push({ name: m[2], instack: m[3] === '1', index: +m[4], kind: 0 });
    }
  }
  return funcs;
}

const DROP = new Set(['MMBIN', 'MMBINI', 'MMBINK']);

// Events (ltm.h TMS order) and the one each arithmetic opcode implies in Moonlet's ISA.
const TMS = ['index', 'newindex', 'gc', 'mode', 'len', 'eq', 'add', 'sub', 'mul', 'mod', 'pow', 'div',
  'idiv', 'band', 'bor', 'bxor', 'shl', 'shr', 'unm', 'bnot', 'lt', 'le', 'concat', 'call', 'close'];
const IMPLIED = { ADDI: 'add', ADDK: 'add', SUBK: 'sub', MULK: 'mul', MODK: 'mod', POWK: 'pow', DIVK: 'div',
  IDIVK: 'idiv', BANDK: 'band', BORK: 'bor', BXORK: 'bxor', SHRI: 'shr', SHLI: 'shl' };

const REG_OP = { add: 'ADD', sub: 'SUB', mul: 'MUL', mod: 'MOD', pow: 'POW', div: 'DIV', idiv: 'IDIV',
  band: 'BAND', bor: 'BOR', bxor: 'BXOR', shl: 'SHL', shr: 'SHR' };
const K_OP = { add: 'ADDK', sub: 'SUBK', mul: 'MULK', mod: 'MODK', pow: 'POWK', div: 'DIVK', idiv: 'IDIVK',
  band: 'BANDK', bor: 'BORK', bxor: 'BXORK' };

function convert(f, source) {
  const old = f.code;
  const k = f.k.slice();
  const scratch = f.maxstacksize;
  let maxstack = f.maxstacksize;
  const kint = (v) => {
    let i = k.findIndex((x) => x === v);
    if (i < 0) { i = k.length; k.push(v); }
    if (i > 255) throw new Error('too many constants for the converter');
    return i;
  };
  // PUC encodes `1 + x`, `x - 1`, `x << 1`, `2 * x` as ADDI/ADDK/SHRI with the real event and
  // operand order in the following MMBINI/MMBINK. Moonlet's ISA has no MMBIN*: its arithmetic
  // instructions imply the event and the order (register first, except SHLI). Rewrite such code.
  const rewrite = new Array(old.length); // i -> list of pseudo instructions
  for (let i = 0; i + 1 < old.length; i++) {
    const ins = old[i];
    const nx = old[i + 1];
    if (nx.op !== 'MMBINI' && nx.op !== 'MMBINK') continue;
    const ev = TMS[nx.args[2]];
    const flip = nx.args[3] !== 0;
    const [a, b] = ins.args;
    if (IMPLIED[ins.op] === ev && flip === (ins.op === 'SHLI')) continue; // natural form
    // the constant operand: MMBINI carries the original immediate, MMBINK the constant index
    const kval = nx.op === 'MMBINI' ? nx.args[1] : k[nx.args[1]];
    if (!flip && K_OP[ev] !== undefined) {
      rewrite[i] = [{ op: K_OP[ev], a, b, c: kint(kval), line: ins.line }];
    } else {
      maxstack = scratch + 1;
      const load = nx.op === 'MMBINI' ? { op: 'LOADI', a: scratch, sbx: kval, line: ins.line }
        : { op: 'LOADK', a: scratch, bx: nx.args[1], line: ins.line };
      const [x, y] = flip ? [scratch, b] : [b, scratch];
      rewrite[i] = [load, { op: REG_OP[ev], a, b: x, c: y, line: ins.line }];
    }
  }
  // drop MMBIN*, and the EXTRAARG after NEWTABLE
  const keep = old.map((ins, i) => !(DROP.has(ins.op) || (ins.op === 'EXTRAARG' && i > 0 && old[i - 1].op === 'NEWTABLE')));
  const map = new Array(old.length + 1);
  let n = 0;
  for (let i = 0; i < old.length; i++) {
    map[i] = n;
    if (keep[i]) n += rewrite[i] ? rewrite[i].length : old[i].op === 'SETLIST' ? 2 : 1;
    if (old[i].op === 'SETLIST' && old[i].k) throw new Error('SETLIST with EXTRAARG is not supported');
  }
  map[old.length] = n;
  const code = [];
  const lineinfo = [];
  for (let i = 0; i < old.length; i++) {
    if (!keep[i]) continue;
    if (rewrite[i]) {
      for (const r of rewrite[i]) {
        if (r.op === 'LOADI') code.push(encAsBx(OP.LOADI, r.a, r.sbx));
        else if (r.op === 'LOADK') code.push(encABx(OP.LOADK, r.a, r.bx));
        else code.push(encABC(OP[r.op], r.a, r.b, r.c));
        lineinfo.push(r.line);
      }
      continue;
    }
    const { op, args: a, k: isk, line } = old[i];
    const me = map[i];
    let w;
    switch (op) {
      case 'LOADI': case 'LOADF': w = encAsBx(OP[op], a[0], a[1]); break;
      case 'LOADK': case 'CLOSURE': w = encABx(OP[op], a[0], a[1]); break;
      case 'EXTRAARG': w = encAx(OP.EXTRAARG, a[0]); break;
      case 'JMP': w = encsJ(OP.JMP, map[i + 1 + a[0]] - (me + 1)); break;
      case 'FORPREP': w = encABx(OP.FORPREP, a[0], map[i + a[1] + 1] - me - 1); break;
      case 'FORLOOP': w = encABx(OP.FORLOOP, a[0], me + 1 - map[i + 1 - a[1]]); break;
      case 'TFORPREP': w = encABx(OP.TFORPREP, a[0], map[i + 1 + a[1]] - me - 1); break;
      case 'TFORLOOP': w = encABx(OP.TFORLOOP, a[0], me + 1 - map[i + 1 - a[1]]); break;
      case 'ADDI': case 'SHRI': case 'SHLI': w = encABC(OP[op], a[0], a[1], a[2] + 127); break;
      case 'EQI': case 'LTI': case 'LEI': case 'GTI': case 'GEI':
        w = encABC(OP[op], a[0], a[1] + 127, a[2]); break;
      case 'EQ': case 'LT': case 'LE': case 'EQK': case 'TESTSET':
        w = encABC(OP[op], a[0], a[1], a[2]); break;
      case 'TEST': w = encABC(OP.TEST, a[0], a[1], 0); break;
      case 'SETTABUP': case 'SETTABLE': case 'SETI': case 'SETFIELD':
        w = encABC(OP[isk ? op + 'K' : op], a[0], a[1], a[2]); break;
      case 'SELF':
        if (!isk) throw new Error('SELF with a register key is not supported');
        w = encABC(OP.SELF, a[0], a[1], a[2]); break;
      case 'TAILCALL': case 'RETURN': w = encABC(OP[op], a[0], a[1], isk ? 1 : 0); break;
      case 'NEWTABLE': w = encABC(OP.NEWTABLE, a[0], 0, 0); break;
      case 'SETLIST':
        code.push(encABC(OP.SETLIST, a[0], a[1], 0));
        lineinfo.push(line);
        w = encAx(OP.EXTRAARG, a[2]);
        break;
      case 'TFORCALL': w = encABC(OP.TFORCALL, a[0], 0, a[1]); break;
      case 'VARARG': w = encABC(OP.VARARG, a[0], 0, a[1]); break;
      default:
        if (!(op in OP)) throw new Error('unknown opcode ' + op);
        w = encABC(OP[op], a[0] ?? 0, a[1] ?? 0, a[2] ?? 0);
    }
    code.push(w);
    lineinfo.push(line);
  }
  const p = new Proto();
  p.code = Int32Array.from(code);
  p.lineinfo = Int32Array.from(lineinfo);
  p.constants = k;
  p.upvalues = f.upvalues;
  p.locvars = f.locvars.map((v) => ({ name: v.name, startpc: map[Math.min(v.startpc, old.length)], endpc: map[Math.min(v.endpc, old.length)] }));
  p.numparams = f.numparams;
  p.isVararg = f.isVararg;
  p.maxstacksize = maxstack;
  p.source = source;
  p.linedefined = f.linedefined;
  p.lastlinedefined = f.lastlinedefined;
  return p;
}

let compileFn;
try {
  const fe = join(here, '../../dist/frontend/index.js');
  if (existsSync(fe)) compileFn = (await import('../../dist/frontend/index.js')).compile;
} catch { compileFn = undefined; }

let tmp;
/**
 * Compile Lua source to a Moonlet Proto: with luac5.4 (converted), or with Moonlet's own
 * compiler when MOONLET_USE_COMPILER=1 or luac5.4 is not installed.
 */
export function luacProto(source, chunkname = '=(command line)') {
  if (compileFn !== undefined && (process.env.MOONLET_USE_COMPILER === '1' || !hasLuac())) {
    return compileFn(source, chunkname);
  }
  tmp ??= mkdtempSync(join(tmpdir(), 'moonlet-vm-'));
  const file = join(tmp, 'chunk.lua');
  writeFileSync(file, Buffer.from(source, 'latin1'));
  let listing;
  try {
    listing = execFileSync('luac5.4', ['-l', '-l', '-o', '/dev/null', file], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    throw new Error('luac5.4 failed: ' + e.stderr);
  }
  const funcs = parseListing(listing);
  let pos = 0;
  const build = () => {
    const f = funcs[pos++];
    const p = convert(f, chunkname);
    for (let i = 0; i < f.nprotos; i++) p.protos.push(build());
    return p;
  };
  return build();
}

/** Run `lua5.4 -e src` (or a file) and return { stdout, stderr, status }. */
export function refLua(source, file = false) {
  try {
    let out;
    if (file) {
      tmp ??= mkdtempSync(join(tmpdir(), 'moonlet-vm-'));
      const f = join(tmp, 'input');
      writeFileSync(f, Buffer.from(source, 'latin1'));
      out = execFileSync('lua5.4', ['input'], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'pipe'], cwd: tmp });
    } else out = execFileSync('lua5.4', ['-e', source], { encoding: 'latin1', stdio: ['ignore', 'pipe', 'pipe'] });
    return { stdout: out, stderr: '', status: 0 };
  } catch (e) {
    return { stdout: e.stdout, stderr: e.stderr, status: e.status };
  }
}

// ---- a VM with a minimal base library ----------------------------------------------------------

function typeError(L, base, nargs, i, expected) {
  const got = i > nargs ? 'no value' : ops.typeName(L.stack[base + i - 1]);
  argErr(L, i, `${expected} expected, got ${got}`);
}
function argErr(L, i, msg) {
  let { name, namewhat } = L.funcName(0);
  if (namewhat === 'method') { i--; }
  if (name === undefined) name = L.globalFuncName(0) ?? '?';
  throw new LuaException(L.where(1) + `bad argument #${i} to '${name}' (${msg})`);
}

function minimalBase(S) {
  const G = S.globals;
  const out = [];
  const reg = (t, name, fn) => t.setStr(name, new NativeFunction(name, fn));
  G.setStr('_G', G);
  reg(G, 'print', (L, base, nargs) => {
    const parts = [];
    for (let i = 0; i < nargs; i++) parts.push(ops.tostring(L, L.stack[base + i]));
    out.push(parts.join('\t') + '\n');
    return 0;
  });
  reg(G, 'io_write', (L, base, nargs) => {
    // like io.write: floats with %.14g (no ".0")
    for (let i = 0; i < nargs; i++) {
      const v = L.stack[base + i];
      out.push(v instanceof LuaFloat || (typeof v === 'number' && !Number.isInteger(v)) ? floatToString14(typeof v === 'number' ? v : v.n) : ops.tostring(L, v));
    }
    return 0;
  });
  reg(G, 'load', (L, base) => {
    const src = L.stack[base];
    try {
      L.stack[base] = loadProto(S, luacProto(src, src));
      return 1;
    } catch (e) {
      L.stack[base] = undefined;
      L.stack[base + 1] = String(e.message);
      return 2;
    }
  });
  reg(G, 'type', (L, base, nargs) => {
    if (nargs < 1) argErr(L, 1, 'value expected');
    L.stack[base] = ops.typeName(L.stack[base]);
    return 1;
  });
  reg(G, 'tostring', (L, base) => { L.stack[base] = ops.tostring(L, L.stack[base]); return 1; });
  reg(G, 'setmetatable', (L, base, nargs) => {
    const t = L.stack[base];
    if (!(t instanceof LuaTable)) typeError(L, base, nargs, 1, 'table');
    t.metatable = L.stack[base + 1];
    return 1;
  });
  reg(G, 'getmetatable', (L, base) => {
    const mt = ops.getMetatable(S, L.stack[base]);
    const p = mt?.getStr('__metatable');
    L.stack[base] = p !== undefined ? p : mt;
    return 1;
  });
  reg(G, 'rawequal', (L, base) => { L.stack[base] = L.stack[base] === L.stack[base + 1]; return 1; });
  reg(G, 'rawget', (L, base) => { L.stack[base] = L.stack[base].get(L.stack[base + 1]); return 1; });
  reg(G, 'rawset', (L, base) => { L.stack[base].set(L.stack[base + 1], L.stack[base + 2]); return 1; });
  reg(G, 'rawlen', (L, base) => { const v = L.stack[base]; L.stack[base] = typeof v === 'string' ? v.length : v.length(); return 1; });
  reg(G, 'select', (L, base, nargs) => {
    const n = L.stack[base];
    if (n === '#') { L.stack[base] = nargs - 1; return 1; }
    let i = Number(toInteger(n));
    if (i < 0) i = nargs + i; else if (i > nargs) i = nargs;
    for (let j = 0; j < nargs - i; j++) L.stack[base + j] = L.stack[base + i + j];
    return nargs - i;
  });
  reg(G, 'assert', (L, base, nargs) => {
    if (nargs < 1) argErr(L, 1, 'value expected');
    const v = L.stack[base];
    if (v === undefined || v === false) {
      throw new LuaException(nargs >= 2 ? L.stack[base + 1] : 'assertion failed!');
    }
    return nargs;
  });
  const next = new NativeFunction('next', (L, base) => {
    const o = [undefined, undefined];
    const r = L.stack[base].next(L.stack[base + 1], o);
    if (r === undefined) throw new LuaException("invalid key to 'next'");
    if (!r) { L.stack[base] = undefined; return 1; }
    L.stack[base] = o[0]; L.stack[base + 1] = o[1]; return 2;
  });
  G.setStr('next', next);
  reg(G, 'pairs', (L, base) => {
    const t = L.stack[base];
    const mm = ops.getMetamethod(S, t, '__pairs');
    if (mm !== undefined) {
      const r = L.call(mm, [t]);
      for (let j = 0; j < 3; j++) L.stack[base + j] = r[j];
      return 3;
    }
    L.stack[base] = next; L.stack[base + 1] = t; L.stack[base + 2] = undefined; return 3;
  });
  const ipairsAux = new NativeFunction('ipairs_aux', (L, base) => {
    const i = L.stack[base + 1] + 1;
    const v = ops.index(L, L.stack[base], i);
    if (v === undefined) { L.stack[base] = undefined; return 1; }
    L.stack[base] = i; L.stack[base + 1] = v; return 2;
  });
  reg(G, 'ipairs', (L, base) => {
    const t = L.stack[base];
    L.stack[base] = ipairsAux; L.stack[base + 1] = t; L.stack[base + 2] = 0; return 3;
  });
  reg(G, 'unpack', (L, base) => {
    const t = L.stack[base];
    const n = t.length();
    for (let j = 0; j < n; j++) L.stack[base + j] = t.getInt(j + 1);
    return n;
  });
  for (const [name, fn] of Object.entries(protectedFunctions)) reg(G, name, fn);
  const debug = new LuaTable();
  reg(debug, 'traceback', (L, base, nargs) => {
    let L1 = L;
    let a = base;
    let n = nargs;
    if (L.stack[base] instanceof LuaThread) { L1 = L.stack[base]; a++; n--; }
    const msg = n >= 1 ? L.stack[a] : undefined;
    if (msg !== undefined && typeof msg !== 'string' && typeof msg !== 'number') { L.stack[base] = msg; return 1; }
    const lv = n >= 2 ? Number(L.stack[a + 1]) : (L1 === L ? 1 : 0);
    L.stack[base] = L1.traceback(msg === undefined ? undefined : String(msg), lv);
    return 1;
  });
  G.setStr('debug', debug);
  S.loaded.setStr('debug', debug);
  S.loaded.setStr('_G', G);
  const string = new LuaTable();
  reg(string, 'rep', (L, base, nargs) => {
    const s = nargs >= 1 ? L.stack[base] : undefined;
    if (typeof s !== 'string' && typeof s !== 'number') typeError(L, base, nargs, 1, 'string');
    L.stack[base] = String(s).repeat(Math.max(0, Number(L.stack[base + 1])));
    return 1;
  });
  reg(string, 'sub', (L, base, nargs) => {
    const str = L.stack[base];
    let i = Number(L.stack[base + 1] ?? 1), j = nargs >= 3 ? Number(L.stack[base + 2]) : -1;
    if (i < 0) i = Math.max(str.length + i + 1, 1); else if (i === 0) i = 1;
    if (j < 0) j = str.length + j + 1; else if (j > str.length) j = str.length;
    L.stack[base] = i > j ? '' : str.slice(i - 1, j);
    return 1;
  });
  reg(string, 'len', (L, base) => { L.stack[base] = L.stack[base].length; return 1; });
  reg(string, 'upper', (L, base) => { L.stack[base] = L.stack[base].toUpperCase(); return 1; });
  reg(string, 'format', (L, base, nargs) => {
    let i = 1;
    L.stack[base] = L.stack[base].replace(/%([sdq%])/g, (m, c) => c === '%' ? '%' : c === 'q' ? JSON.stringify(L.stack[base + i++]) : ops.tostring(L, L.stack[base + i++]));
    return 1;
  });
  reg(string, 'gsub', (L, base) => {
    // only plain single-char patterns with function replacement (for L.call tests)
    const s = L.stack[base], pat = L.stack[base + 1], f = L.stack[base + 2];
    let r = '';
    for (const c of s) r += c === pat ? ops.tostring(L, L.call(f, [c])[0]) : c;
    L.stack[base] = r;
    return 1;
  });
  G.setStr('string', string);
  S.loaded.setStr('string', string);
  const smeta = new LuaTable();
  smeta.setStr('__index', string);
  // string arithmetic (lstrlib's metamethods: coerce both operands or fail)
  for (const op of ['add', 'sub', 'mul', 'div', 'mod', 'pow', 'unm', 'idiv']) {
    reg(smeta, '__' + op, (L, base) => {
      const a = L.stack[base], b = L.stack[base + 1];
      const r = arith(op, a, b);
      if (r === undefined) {
        const tm = ops.getMetamethod(S, typeof b === 'string' ? a : b, '__' + op);
        if (typeof b === 'string' || tm === undefined || tm === smeta.getStr('__' + op)) {
          throw new LuaException(L.where(1) + `attempt to perform arithmetic on a ${ops.typeName(typeof a === 'string' && arith('unm', a, a) === undefined ? a : b)} value`);
        }
        L.stack[base] = L.call(tm, [a, b])[0];
        return 1;
      }
      L.stack[base] = r;
      return 1;
    });
  }
  S.stringMeta = smeta;
  const table = new LuaTable();
  reg(table, 'sort', (L, base) => {
    const t = L.stack[base], f = L.stack[base + 1];
    const arr = [];
    for (let i = 1; i <= t.length(); i++) arr.push(t.getInt(i));
    arr.sort((a, b) => (f !== undefined ? (L.call(f, [a, b])[0] ? -1 : 1) : (ops.lessThan(L, a, b) ? -1 : 1)));
    arr.forEach((v, i) => t.setInt(i + 1, v));
    return 0;
  });
  reg(table, 'unpack', G.getStr('unpack').fn);
  reg(table, 'concat', (L, base) => {
    const t = L.stack[base], sep = L.stack[base + 1] ?? '';
    const parts = [];
    for (let i = 1; i <= t.length(); i++) parts.push(ops.tostring(L, t.getInt(i)));
    L.stack[base] = parts.join(sep);
    return 1;
  });
  G.setStr('table', table);
  S.loaded.setStr('table', table);
  const math = new LuaTable();
  math.setStr('maxinteger', 9223372036854775807n);
  math.setStr('mininteger', -9223372036854775808n);
  math.setStr('huge', Infinity);
  G.setStr('math', math);
  S.loaded.setStr('math', math);
  openCoroutine(S);
  return out;
}

let baseMod;
try {
  if (existsSync(join(here, '../../dist/stdlib/base.js'))) baseMod = await import('../../dist/stdlib/base.js');
} catch { baseMod = undefined; }

/**
 * A fresh VM. run(src) executes a chunk (compiled by luac5.4) under L.pcall with a traceback
 * handler; returns { ok, values, out, err } where out is the printed text and err the error
 * message as lua5.4 would print it ("lua5.4: msg").
 */
export function newVM(opts = {}) {
  const S = new LuaState();
  const L = S.mainThread;
  const out = minimalBase(S);
  S.stdout = (s) => out.push(s);
  return {
    S, L,
    compile: (src, name = '=(command line)') => loadProto(S, luacProto(src, name)),
    run(src, name = '=(command line)') {
      out.length = 0;
      const f = loadProto(S, luacProto(src, name));
      const handler = opts.traceback === false ? undefined : new NativeFunction('msgh', (L2, base) => {
        const m = L2.stack[base];
        L2.stack[base] = typeof m === 'string' ? L2.traceback(m, 1) : m;
        return 1;
      });
      const r = L.pcall(f, [], handler);
      return { ok: r.ok, values: r.values, out: out.join(''), err: r.ok ? undefined : r.values[0] };
    },
  };
}

export { ops, LuaTable, LuaFloat, LuaUserdata, LuaState, LuaThread, NativeFunction, LuaClosure, loadProto, LuaException, numberToString };

let luacOk;
function hasLuac() {
  if (luacOk === undefined) {
    try {
      execFileSync('luac5.4', ['-v'], { stdio: 'ignore' });
      luacOk = true;
    } catch {
      luacOk = false;
    }
  }
  return luacOk;
}
/** Is a Lua compiler available for the tests (luac5.4 or Moonlet's)? */
export function canCompile() {
  return hasLuac() || compileFn !== undefined;
}

/** Run a chunk as `lua5.4 -e src` would: printed output, then "lua5.4: <error + traceback>". */
export function runCase(src) {
  const vm = newVM();
  const r = vm.run(src, '=(command line)');
  const text = r.out + (r.ok ? '' : 'lua5.4: ' + r.err + '\n');
  return text.replace(/0x[0-9a-f]+/g, '0xADDR');
}
