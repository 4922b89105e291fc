// Making closures from compiled chunks (for load, dofile, require and the CLI).

import type { Proto } from '../bytecode/proto.js';
import type { LuaTable } from '../runtime/table.js';
import type { LuaValue } from '../runtime/value.js';
import { LuaClosure, UpVal } from './function.js';
import type { LuaState } from './state.js';

/**
 * A closure for a main-chunk prototype: its first upvalue (_ENV) is the globals table; other
 * upvalues (only in binary chunks) are fresh closed upvalues holding nil, as lua_load does.
 */
export function loadProto(S: LuaState, proto: Proto): LuaClosure {
  return loadProtoWithEnv(S, proto, S.globals);
}

/** loadProto with an explicit _ENV value (load's 4th argument, any value, even nil). */
export function loadProtoWithEnv(S: LuaState, proto: Proto, env: LuaValue | LuaTable): LuaClosure {
  const n = proto.upvalues.length;
  const uvs: UpVal[] = [];
  for (let i = 0; i < n; i++) {
    const uv = new UpVal(S.mainThread.stack, 0);
    uv.open = false;
    uv.value = undefined;
    uvs.push(uv);
  }
  if (n > 0) uvs[0].value = env;
  return new LuaClosure(proto, uvs);
}

/** A closed upvalue holding v (for natives building closures, e.g. string.dump/load round trips). */
export function closedUpval(S: LuaState, v: LuaValue): UpVal {
  const uv = new UpVal(S.mainThread.stack, 0);
  uv.open = false;
  uv.value = v;
  return uv;
}
