// Errors that cross from Lua to JavaScript.

/** Which host limit stopped a script (LuaError.limit). */
export type LimitKind = 'instructions' | 'memory' | 'depth' | 'time' | 'interrupt';

/**
 * A Lua error seen from JavaScript: a script raised an error (or hit a limit) and nothing in
 * Lua caught it. `value` is the Lua error value converted to JS (usually the message string,
 * "chunk:line: message"); `luaTraceback` the Lua stack traceback at the error point.
 */
export class LuaError extends Error {
  override readonly name = 'LuaError';
  /** The Lua error value (converted as other values are: a string, a LuaTable, ...). */
  readonly value: unknown;
  /** "stack traceback:\n\t..." of the Lua stack where the error was raised ('' if unknown). */
  readonly luaTraceback: string;
  /** The host limit that was hit, if that is what ended the script. */
  readonly limit: LimitKind | undefined;

  constructor(message: string, value: unknown, luaTraceback: string, limit?: LimitKind, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.value = value;
    this.luaTraceback = luaTraceback;
    this.limit = limit;
  }
}
