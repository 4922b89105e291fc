// The exception that carries a Lua error value through JavaScript frames.
//
// It deliberately does not extend Error: capturing a JS stack trace on every Lua `error()` would
// make pcall-heavy code slow. The embedding API wraps it in a JS Error at the boundary.

import type { LuaValue } from './value.js';

export class LuaException {
  /** Lua traceback captured where the error was raised (filled by the VM when requested). */
  traceback: string | undefined = undefined;
  /**
   * A fatal error (a host limit configured as not catchable): pcall and coroutine.resume do
   * not stop it; it unwinds to the host.
   */
  fatal = false;
  /**
   * A memory error (LUA_ERRMEM): as in the reference, no message handler runs for it (a
   * handler needs memory too; under a memory limit it failed again, giving "error in error
   * handling" instead of "not enough memory").
   */
  memory = false;
  constructor(
    /** The Lua error value (any value; usually a string with "chunk:line: " in front). */
    public value: LuaValue,
    /**
     * true when the message still needs the position of the running Lua code prepended
     * (errors raised by runtime helpers that do not know the current line, like luaG_runerror).
     * The VM adds "chunk:line: " and clears the flag.
     */
    public needsPosition = false,
  ) {}
}

/** Throw a runtime error whose position the VM fills in (like luaG_runerror). */
export function runtimeError(msg: string): never {
  throw new LuaException(msg, true);
}

/** The reference's memory error "not enough memory" (no position, no message handler). */
export function memoryError(): LuaException {
  const e = new LuaException('not enough memory');
  e.memory = true;
  return e;
}
