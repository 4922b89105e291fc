// The coroutine library (manual §6.2), as lcorolib.c of the reference (5.4.4).
// The machinery (resume, yield, close) is in vm/coroutine.ts and vm/state.ts (L.yield).

import { LuaException } from '../runtime/error.js';
import type { LuaValue } from '../runtime/value.js';
import { NativeFunction, type NativeFn } from '../vm/function.js';
import { LuaThread, type LuaState } from '../vm/state.js';
import { HostRequest, closeThread, newCoroutine, resume, resumeError } from '../vm/coroutine.js';
import type { NativeK } from '../vm/function.js';
import { checkType, luaError, newLib, registerLib, typeError } from './aux.js';

function getco(L: LuaThread, base: number, nargs: number): LuaThread {
  const v = nargs >= 1 ? L.stack[base] : undefined;
  if (v instanceof LuaThread) return v;
  return typeError(L, base, nargs, 1, 'thread');
}

/** auxresume: resume co with the n values at L.stack[first..]; results copied to L.stack[dst..]. */
function auxresume(L: LuaThread, co: LuaThread, first: number, n: number, dst: number): number {
  const r = resume(L, co, L.stack, first, n);
  if (r < 0) return -1;
  if (!L.checkStack(dst - L.top + r + 1)) {
    resumeErrorOverride = 'too many results to resume';
    return -2;
  }
  const src = co.stack;
  const from = co.top - r;
  const stack = L.stack;
  for (let j = 0; j < r; j++) stack[dst + j] = src[from + j];
  co.top = from;
  return r;
}

let resumeErrorOverride: LuaValue = undefined;

function errorValue(r: number): LuaValue {
  return r === -2 ? resumeErrorOverride : resumeError;
}

/** Yields its arguments (passes a HostRequest on to the resumer). */
const passYield = new NativeFunction('yield', (L, base, nargs) => L.yield(base, nargs));

/**
 * After auxresume(L, co, ..., dst) returned r: while co yielded a HostRequest, pass it on
 * (yield it from L, continuing in k, which resumes co with L's resume values), or, when L
 * cannot yield, resume co at once with the request's fallback values. Returns the final r,
 * or the control request of the pass-through yield.
 */
function passThrough(L: LuaThread, co: LuaThread, dst: number, r: number, k: NativeK): { r: number; request: boolean } {
  const stack = L.stack;
  while (r === 1 && stack[dst] instanceof HostRequest) {
    const req = stack[dst] as HostRequest;
    if (L.isYieldable()) {
      if (!L.checkStack(dst + 3 - L.top)) throw new LuaException('stack overflow');
      stack[dst + 1] = passYield;
      stack[dst + 2] = req;
      return { r: L.callk(dst + 1, 1, k), request: true };
    }
    const vals = req.fallback();
    for (let j = 0; j < vals.length; j++) stack[dst + j] = vals[j];
    L.top = dst + vals.length;
    r = auxresume(L, co, dst, vals.length, dst);
  }
  return { r, request: false };
}

/** Results of coroutine.resume after auxresume (r values at base + 1). */
function resumeResults(L: LuaThread, base: number, r: number): number {
  const stack = L.stack;
  if (r < 0) {
    stack[base] = false;
    stack[base + 1] = errorValue(r);
    return 2;
  }
  stack[base] = true;
  return r + 1;
}

/** coroutine.resume continued after passing a HostRequest on: resume co with what we got. */
const coresumeK: NativeK = (L, base, first, nres) => {
  const co = L.stack[base] as LuaThread;
  const r = auxresume(L, co, first, nres, base + 1);
  const p = passThrough(L, co, base + 1, r, coresumeK);
  return p.request ? p.r : resumeResults(L, base, p.r);
};

const coresume: NativeFn = (L, base, nargs) => {
  const co = getco(L, base, nargs);
  const r0 = auxresume(L, co, base + 1, nargs - 1, base + 1);
  const p = passThrough(L, co, base + 1, r0, coresumeK);
  return p.request ? p.r : resumeResults(L, base, p.r);
};

const cocreate: NativeFn = (L, base, nargs) => {
  const f = checkType(L, base, nargs, 1, 'function');
  L.stack[base] = newCoroutine(L, f);
  return 1;
};

const costatus: NativeFn = (L, base, nargs) => {
  const co = getco(L, base, nargs);
  L.stack[base] = co === L ? 'running' : co.status;
  return 1;
};

const corunning: NativeFn = (L, base) => {
  L.stack[base] = L;
  L.stack[base + 1] = L.isMain;
  return 2;
};

const coisyieldable: NativeFn = (L, base, nargs) => {
  const co = nargs >= 1 ? getco(L, base, nargs) : L;
  L.stack[base] = co.isYieldable();
  return 1;
};

const coyield: NativeFn = (L, base, nargs) => L.yield(base, nargs);

const coclose: NativeFn = (L, base, nargs) => {
  const co = getco(L, base, nargs);
  const st = co === L ? 'running' : co.status;
  if (st === 'dead' || st === 'suspended') {
    const r = closeThread(L, co);
    if (r === undefined) {
      L.stack[base] = true;
      return 1;
    }
    L.stack[base] = false;
    L.stack[base + 1] = r.err;
    return 2;
  }
  return luaError(L, `cannot close a ${st} coroutine`);
};

const cowrap: NativeFn = (L, base, nargs) => {
  const f = checkType(L, base, nargs, 1, 'function');
  const co = newCoroutine(L, f);
  const finish = (L2: LuaThread, b2: number, r0: number): number => {
    const p = passThrough(L2, co, b2, r0, wrapK);
    if (p.request) return p.r;
    const r = p.r;
    if (r >= 0) return r;
    let err = errorValue(r);
    if (co.errored) {
      // error inside the coroutine: close its tbc variables (lua_resetthread)
      const c = closeThread(L2, co);
      if (c !== undefined) err = c.err;
    }
    if (typeof err === 'string') err = L2.where(1) + err;
    throw new LuaException(err);
  };
  const wrapK: NativeK = (L2, b2, first, nres) => finish(L2, b2, auxresume(L2, co, first, nres, b2));
  const wrapped = new NativeFunction('?', (L2, b2, n2) => finish(L2, b2, auxresume(L2, co, b2, n2, b2)));
  wrapped.refs = co; // (memory accounting)
  L.stack[base] = wrapped;
  return 1;
};

export function openCoroutine(S: LuaState): void {
  const lib = newLib({
    create: cocreate,
    resume: coresume,
    running: corunning,
    status: costatus,
    wrap: cowrap,
    yield: coyield,
    isyieldable: coisyieldable,
    close: coclose,
  });
  registerLib(S, 'coroutine', lib);
}
