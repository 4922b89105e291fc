// Moonlet's embedding API (package entry point). See README "Embedding".

export {
  Lua, LuaTable, LuaFunction, LuaCoroutine, LuaUserdata, LuaTask, LuaMultiReturn, LuaFloatValue, luaMulti,
} from './lua.js';
export type {
  LuaOptions, LuaLimits, RunOptions, AsyncRunOptions, LuaJSValue, HostFunction, ModuleSource, ModuleResolver,
  VirtualFileSystem, OptionalLibrary, TaskStatus, TaskControl,
} from './lua.js';
export { LuaError } from './errors.js';
export type { LimitKind } from './errors.js';
