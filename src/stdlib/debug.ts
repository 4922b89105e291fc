// The debug library (manual §6.10), as ldblib.c of the reference (5.4.4). Frame inspection uses
// vm/debuginfo.ts (the lua_getinfo / lua_getlocal equivalents and luaL_traceback).
//
// Hooks: only count hooks, run at the VM's safe points (vm/state.ts setTickHandler), so no
// cost while no hook is set; their count is in safe-point ticks (calls and backward jumps), not
// instructions. Call, return and line hooks would need checks in the interpreter's hot paths:
// sethook refuses the "c", "r" and "l" masks with an error rather than ignoring them.

import { readSync } from 'node:fs';
import { LuaTable } from '../runtime/table.js';
import { LuaFunction, LuaUserdata, type LuaValue } from '../runtime/value.js';
import { isNumber, numberToString } from '../runtime/number.js';
import { LUA_OK, LuaClosure, type NativeFn, type NativeK, type UpVal } from '../vm/function.js';
import { LuaThread, type LuaState } from '../vm/state.js';
import { CIST_HOOKED } from '../vm/callinfo.js';
import { typeName, getMetatable, tostring } from '../vm/ops.js';
import {
  ciAtLevel, findLocal, functionInfo, getInfo, getlocalname, type DebugInfo,
} from '../vm/debuginfo.js';
import {
  arg, argError, checkAny, checkInteger, checkString, checkType, newLib, optInteger, optString,
  registerLib, typeError,
} from './aux.js';
import { loadChunk } from './base.js';

/** (int) of a lua_Integer, as the reference's casts of level and index arguments. */
function cInt(n: number | bigint): number {
  if (typeof n === 'number' && n >= -0x80000000 && n <= 0x7fffffff) return n;
  return Number(BigInt.asIntN(32, BigInt(n)));
}

function checkCInt(L: LuaThread, base: number, nargs: number, i: number): number {
  return cInt(checkInteger(L, base, nargs, i));
}

/** getthread: an optional thread as first argument; `skip` is 1 when present. */
function getThread(L: LuaThread, base: number, nargs: number): { L1: LuaThread; skip: number } {
  const v = nargs >= 1 ? L.stack[base] : undefined;
  return v instanceof LuaThread ? { L1: v, skip: 1 } : { L1: L, skip: 0 };
}

function isFunction(v: LuaValue): boolean {
  return v instanceof LuaFunction;
}

// ---- metatables, registry, user values ---------------------------------------------------------

/** lua_setmetatable for any value (the non-table types share one metatable per type). */
function setMetatableOf(S: LuaState, v: LuaValue, mt: LuaTable | undefined): void {
  if (v instanceof LuaTable || v instanceof LuaUserdata) {
    v.metatable = mt;
    return;
  }
  switch (typeName(v)) {
    case 'string': S.stringMeta = mt; break;
    case 'number': S.numberMeta = mt; break;
    case 'boolean': S.booleanMeta = mt; break;
    case 'nil': S.nilMeta = mt; break;
    case 'function': S.functionMeta = mt; break;
    case 'thread': S.threadMeta = mt; break;
  }
}

const db_getregistry: NativeFn = (L, base) => {
  L.stack[base] = L.state.registry;
  return 1;
};

const db_getmetatable: NativeFn = (L, base, nargs) => {
  const v = checkAny(L, base, nargs, 1);
  L.stack[base] = getMetatable(L.state, v);
  return 1;
};

const db_setmetatable: NativeFn = (L, base, nargs) => {
  const mt = arg(L, base, nargs, 2);
  if (nargs < 2 || (mt !== undefined && !(mt instanceof LuaTable))) typeError(L, base, nargs, 2, 'nil or table');
  const v = arg(L, base, nargs, 1);
  setMetatableOf(L.state, v, mt);
  L.stack[base] = v;
  return 1;
};

const db_getuservalue: NativeFn = (L, base, nargs) => {
  const n = cInt(optInteger(L, base, nargs, 2, 1));
  const u = arg(L, base, nargs, 1);
  const uv = u instanceof LuaUserdata ? u.uservalues : undefined;
  if (uv !== undefined && n >= 1 && n <= uv.length) {
    L.stack[base] = uv[n - 1];
    L.stack[base + 1] = true;
    return 2;
  }
  L.stack[base] = undefined;
  return 1;
};

const db_setuservalue: NativeFn = (L, base, nargs) => {
  const n = cInt(optInteger(L, base, nargs, 3, 1));
  const u = checkType(L, base, nargs, 1, 'userdata') as LuaUserdata;
  const v = checkAny(L, base, nargs, 2);
  const uv = u.uservalues;
  if (uv !== undefined && n >= 1 && n <= uv.length) {
    uv[n - 1] = v;
    L.stack[base] = u;
  } else L.stack[base] = undefined;
  return 1;
};

// ---- getinfo -------------------------------------------------------------------------------------

/** The options lua_getinfo knows (others: "invalid option"). */
const INFO_OPTIONS = 'SlutnrLf';

/** collectvalidlines: the lines with code of a Lua function (a vararg function's VARARGPREP skipped). */
function activeLines(fn: LuaValue): LuaTable | undefined {
  if (!(fn instanceof LuaClosure)) return undefined;
  const p = fn.proto;
  const t = new LuaTable();
  const li = p.lineinfo;
  for (let i = p.isVararg ? 1 : 0; i < li.length; i++) t.set(li[i], true);
  return t;
}

const db_getinfo: NativeFn = (L, base, nargs) => {
  const { L1, skip } = getThread(L, base, nargs);
  const options = optString(L, base, nargs, skip + 2, 'flnSrtu');
  if (options.charAt(0) === '>') argError(L, skip + 2, "invalid option '>'");
  const target = arg(L, base, nargs, skip + 1);
  let info: DebugInfo | undefined;
  if (isFunction(target)) info = functionInfo(target);
  else {
    const level = checkCInt(L, base, nargs, skip + 1);
    info = getInfo(L1, level);
    if (info === undefined) {
      L.stack[base] = undefined;
      return 1;
    }
  }
  for (let j = 0; j < options.length; j++) {
    if (INFO_OPTIONS.indexOf(options.charAt(j)) < 0) argError(L, skip + 2, 'invalid option');
  }
  const t = new LuaTable();
  const has = (c: string): boolean => options.indexOf(c) >= 0;
  if (has('S')) {
    t.setStr('source', info.source);
    t.setStr('short_src', info.short_src);
    t.setStr('linedefined', info.linedefined);
    t.setStr('lastlinedefined', info.lastlinedefined);
    t.setStr('what', info.what);
  }
  if (has('l')) t.setStr('currentline', info.currentline);
  if (has('u')) {
    t.setStr('nups', info.nups);
    t.setStr('nparams', info.nparams);
    t.setStr('isvararg', info.isvararg);
  }
  if (has('n')) {
    t.setStr('name', info.name);
    t.setStr('namewhat', info.namewhat);
  }
  if (has('r')) {
    // transfer information exists only inside call/return hooks, which are not implemented
    t.setStr('ftransfer', 0);
    t.setStr('ntransfer', 0);
  }
  if (has('t')) t.setStr('istailcall', info.istailcall);
  if (has('L')) t.setStr('activelines', activeLines(info.func));
  if (has('f')) t.setStr('func', info.func);
  L.stack[base] = t;
  return 1;
};

// ---- locals ----------------------------------------------------------------------------------------

const db_getlocal: NativeFn = (L, base, nargs) => {
  const { L1, skip } = getThread(L, base, nargs);
  const n = checkCInt(L, base, nargs, skip + 2);
  const target = arg(L, base, nargs, skip + 1);
  if (isFunction(target)) {
    // parameters of a function value: names only (active at its first instruction)
    L.stack[base] = target instanceof LuaClosure ? getlocalname(target.proto, n, 0) : undefined;
    return 1;
  }
  const level = checkCInt(L, base, nargs, skip + 1);
  if (ciAtLevel(L1, level) === undefined) argError(L, skip + 1, 'level out of range');
  const loc = findLocal(L1, level, n);
  if (loc === undefined) {
    L.stack[base] = undefined;
    return 1;
  }
  const v = L1.stack[loc.idx];
  L.stack[base] = loc.name;
  L.stack[base + 1] = v;
  return 2;
};

const db_setlocal: NativeFn = (L, base, nargs) => {
  const { L1, skip } = getThread(L, base, nargs);
  const level = checkCInt(L, base, nargs, skip + 1);
  const n = checkCInt(L, base, nargs, skip + 2);
  if (ciAtLevel(L1, level) === undefined) argError(L, skip + 1, 'level out of range');
  const v = checkAny(L, base, nargs, skip + 3);
  // lua_settop(L, arg+3): at level 0 of the running thread, its slots are the arguments up to
  // the value (lua_xmove to the same thread moves nothing)
  if (L1 === L) L.top = base + skip + 3;
  const loc = findLocal(L1, level, n);
  if (loc !== undefined) L1.stack[loc.idx] = v;
  L.stack[base] = loc?.name;
  return 1;
};

// ---- upvalues ----------------------------------------------------------------------------------

/** Name of upvalue n (1-based) of a Lua closure, or undefined if out of range. */
function upvalueName(fn: LuaClosure, n: number): string | undefined {
  const d = fn.proto.upvalues;
  if (n < 1 || n > d.length || n > fn.upvals.length) return undefined;
  const name = d[n - 1].name;
  return name === '' ? '(no name)' : name; // stripped debug information
}

/** auxupvalue: natives have no upvalues here (their state lives in JS closures). */
function auxUpvalue(L: LuaThread, base: number, nargs: number, get: boolean): number {
  const n = checkCInt(L, base, nargs, 2);
  const fn = checkType(L, base, nargs, 1, 'function');
  if (!(fn instanceof LuaClosure)) return 0;
  const name = upvalueName(fn, n);
  if (name === undefined) return 0;
  const uv = fn.upvals[n - 1];
  if (get) {
    L.stack[base] = name;
    L.stack[base + 1] = uv.get();
    return 2;
  }
  uv.set(L.stack[base + 2]);
  L.stack[base] = name;
  return 1;
}

const db_getupvalue: NativeFn = (L, base, nargs) => auxUpvalue(L, base, nargs, true);

const db_setupvalue: NativeFn = (L, base, nargs) => {
  checkAny(L, base, nargs, 3);
  return auxUpvalue(L, base, nargs, false);
};

/** Identities of upvalues for upvalueid: one light-userdata-like value per upvalue cell. */
const upvalueIds = new WeakMap<UpVal, LuaUserdata>();

/** checkupval: the upvalue cell (undefined if none); `required` raises "invalid upvalue index". */
function checkUpval(L: LuaThread, base: number, nargs: number, argf: number, argnup: number, required: boolean): UpVal | undefined {
  const n = checkCInt(L, base, nargs, argnup);
  const fn = checkType(L, base, nargs, argf, 'function');
  let uv: UpVal | undefined;
  if (fn instanceof LuaClosure && n >= 1 && n <= fn.proto.upvalues.length) uv = fn.upvals[n - 1];
  if (required && uv === undefined) argError(L, argnup, 'invalid upvalue index');
  return uv;
}

const db_upvalueid: NativeFn = (L, base, nargs) => {
  const uv = checkUpval(L, base, nargs, 1, 2, false);
  if (uv === undefined) {
    L.stack[base] = undefined;
    return 1;
  }
  let id = upvalueIds.get(uv);
  if (id === undefined) {
    id = new LuaUserdata(undefined);
    upvalueIds.set(uv, id);
  }
  L.stack[base] = id;
  return 1;
};

const db_upvaluejoin: NativeFn = (L, base, nargs) => {
  checkUpval(L, base, nargs, 1, 2, true);
  checkUpval(L, base, nargs, 3, 4, true);
  const f1 = L.stack[base];
  const f2 = L.stack[base + 2];
  if (!(f1 instanceof LuaClosure)) argError(L, 1, 'Lua function expected');
  if (!(f2 instanceof LuaClosure)) argError(L, 3, 'Lua function expected');
  const n1 = cInt(checkInteger(L, base, nargs, 2));
  const n2 = cInt(checkInteger(L, base, nargs, 4));
  f1.upvals[n1 - 1] = f2.upvals[n2 - 1];
  return 0;
};

// ---- traceback ----------------------------------------------------------------------------------

const db_traceback: NativeFn = (L, base, nargs) => {
  const { L1, skip } = getThread(L, base, nargs);
  const m = arg(L, base, nargs, skip + 1);
  let msg: string | undefined;
  if (typeof m === 'string') msg = m;
  else if (isNumber(m)) msg = numberToString(m);
  else if (m !== undefined) {
    L.stack[base] = m; // a non-string message is returned untouched
    return 1;
  }
  const level = cInt(optInteger(L, base, nargs, skip + 2, L1 === L ? 1 : 0));
  L.stack[base] = L1.traceback(msg, level);
  return 1;
};

// ---- hooks -----------------------------------------------------------------------------------------

interface Hook {
  fn: LuaValue;
  count: number;
  /** Ticks left before the next call. */
  left: number;
  /** false while the hook runs (the reference's allowhook). */
  allowed: boolean;
}

/** Per-state hooked threads (the reference's registry hook table, keyed by thread). */
const hooksOf = new WeakMap<LuaState, Map<LuaThread, Hook>>();

function stateHooks(S: LuaState): Map<LuaThread, Hook> {
  let m = hooksOf.get(S);
  if (m === undefined) {
    m = new Map();
    hooksOf.set(S, m);
  }
  return m;
}

/** Safe-point handler while some thread of the state has a hook: count down and call it. */
function onTicks(L: LuaThread, ticks: number): void {
  const h = hooksOf.get(L.state)?.get(L);
  if (h === undefined || !h.allowed) return;
  h.left -= ticks;
  if (h.left > 0) return;
  h.left = h.count;
  const ci = L.ci;
  const oldTop = L.top;
  // as luaD_hook: the hook's frame goes above all registers of the interrupted Lua frame
  if (ci.cl !== null && L.top < ci.top) L.top = ci.top;
  h.allowed = false;
  ci.callstatus |= CIST_HOOKED;
  try {
    L.call(h.fn, ['count', undefined]);
  } finally {
    ci.callstatus &= ~CIST_HOOKED;
    h.allowed = true;
    L.top = oldTop;
  }
}

/** Safe points as often as the smallest hook count (none without hooks). */
function updateTickHandler(S: LuaState): void {
  const m = stateHooks(S);
  let interval = Infinity;
  for (const [th, h] of m) {
    if (th.status === 'dead') m.delete(th);
    else if (h.count < interval) interval = h.count;
  }
  if (m.size === 0) S.setTickHandler(undefined, 0);
  else S.setTickHandler(onTicks, interval);
}

const db_sethook: NativeFn = (L, base, nargs) => {
  const { L1, skip } = getThread(L, base, nargs);
  const S = L.state;
  const hooks = stateHooks(S);
  if (arg(L, base, nargs, skip + 1) === undefined) {
    hooks.delete(L1);
  } else {
    const smask = checkString(L, base, nargs, skip + 2);
    const fn = checkType(L, base, nargs, skip + 1, 'function');
    const count = cInt(optInteger(L, base, nargs, skip + 3, 0));
    if (/[crl]/.test(smask)) argError(L, skip + 2, 'call, return and line hooks are not supported');
    if (count > 0) hooks.set(L1, { fn, count, left: count, allowed: true });
    else hooks.delete(L1); // an empty mask turns the hook off, as lua_sethook
  }
  updateTickHandler(S);
  return 0;
};

const db_gethook: NativeFn = (L, base, nargs) => {
  const { L1 } = getThread(L, base, nargs);
  const h = hooksOf.get(L.state)?.get(L1);
  if (h === undefined) {
    L.stack[base] = undefined;
    return 1;
  }
  L.stack[base] = h.fn;
  L.stack[base + 1] = '';
  L.stack[base + 2] = h.count;
  return 3;
};

// ---- debug.debug ------------------------------------------------------------------------------------

/** fgets(buffer, 250, stdin): a line of at most 249 bytes (with its "\n"), or undefined at EOF. */
function readStdinLine(): string | undefined {
  const byte = Buffer.alloc(1);
  let line = '';
  while (line.length < 249) {
    let n: number;
    try {
      n = readSync(0, byte, 0, 1, null);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EAGAIN') {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5);
        continue;
      }
      if (code === 'EOF') n = 0;
      else throw e;
    }
    if (n === 0) return line.length > 0 ? line : undefined;
    line += String.fromCharCode(byte[0]);
    if (byte[0] === 10) break;
  }
  return line;
}

/**
 * db_debug: run lines from stdin until "cont". Each command is a protected call made by the VM
 * (L.pcallk, no message handler), so it runs right above debug.debug's frame as in the reference.
 */
function debugLoop(L: LuaThread, base: number): number {
  const S = L.state;
  for (;;) {
    S.stderr('lua_debug> ');
    const line = readStdinLine();
    if (line === undefined || line === 'cont\n') return 0;
    const r = loadChunk(S, line, '=(debug command)');
    if (!r.ok) {
      // (luaL_tolstring is unprotected there too: an error in __tostring propagates)
      S.stderr(tostring(L, r.error) + '\n');
      continue;
    }
    L.stack[base] = r.fn;
    L.top = base + 1;
    return L.pcallk(base, 0, 0, debugCommandDone);
  }
}

const debugCommandDone: NativeK = (L, base, first, _nres, status) => {
  if (status !== LUA_OK) L.state.stderr(tostring(L, L.stack[first]) + '\n');
  return debugLoop(L, base);
};

const db_debug: NativeFn = (L, base) => debugLoop(L, base);

// ---- misc ---------------------------------------------------------------------------------------

/** Deprecated in 5.4: the C stack is not configurable; returns LUAI_MAXCCALLS as 5.4.4 does. */
const db_setcstacklimit: NativeFn = (L, base, nargs) => {
  checkInteger(L, base, nargs, 1);
  L.stack[base] = 200;
  return 1;
};

export function openDebug(S: LuaState): void {
  const lib = newLib({
    debug: db_debug,
    getuservalue: db_getuservalue,
    gethook: db_gethook,
    getinfo: db_getinfo,
    getlocal: db_getlocal,
    getregistry: db_getregistry,
    getmetatable: db_getmetatable,
    getupvalue: db_getupvalue,
    upvaluejoin: db_upvaluejoin,
    upvalueid: db_upvalueid,
    sethook: db_sethook,
    setuservalue: db_setuservalue,
    setlocal: db_setlocal,
    setmetatable: db_setmetatable,
    setupvalue: db_setupvalue,
    traceback: db_traceback,
    setcstacklimit: db_setcstacklimit,
  });
  registerLib(S, 'debug', lib);
}
