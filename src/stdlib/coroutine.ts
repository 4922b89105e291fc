// The coroutine library (manual §6.2), as lcorolib.c of the reference (5.4.4).
// The machinery (resume, yield, close) is in vm/coroutine.ts and vm/state.ts (L.yield).

import { LuaException } from '../runtime/error.js';
import type { LuaValue } from '../runtime/value.js';
import { NativeFunction, type NativeFn } from '../vm/function.js';
import { LuaThread, type LuaState } from '../vm/state.js';
import { closeThread, newCoroutine, resume, resumeError } from '../vm/coroutine.js';
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

const coresume: NativeFn = (L, base, nargs) => {
  const co = getco(L, base, nargs);
  const r = auxresume(L, co, base + 1, nargs - 1, base + 1);
  const stack = L.stack;
  if (r < 0) {
    stack[base] = false;
    stack[base + 1] = errorValue(r);
    return 2;
  }
  stack[base] = true;
  return r + 1;
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
  L.stack[base] = new NativeFunction('?', (L2, b2, n2) => {
    const r = auxresume(L2, co, b2, n2, b2);
    if (r >= 0) return r;
    let err = errorValue(r);
    if (co.errored) {
      // error inside the coroutine: close its tbc variables (lua_resetthread)
      const c = closeThread(L2, co);
      if (c !== undefined) err = c.err;
    }
    if (typeof err === 'string') err = L2.where(1) + err;
    throw new LuaException(err);
  });
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
