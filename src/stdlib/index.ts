// The standard libraries (luaL_openlibs): opens them in the reference's order (linit.c).

import { LuaState } from '../vm/state.js';
import { openBase } from './base.js';
import { openCoroutine } from './coroutine.js';
import { openString } from './string.js';
import { openMath } from './math.js';
import { openTable } from './table.js';
import { openIo } from './io.js';
import { openOs } from './os.js';
import { openUtf8 } from './utf8.js';
import { openPackage } from './package.js';
import { openDebug } from './debug.js';

/** Names of the standard libraries, in the order luaL_openlibs opens them. */
export const LIBRARY_NAMES = ['_G', 'package', 'coroutine', 'table', 'io', 'os', 'string', 'math', 'utf8', 'debug'] as const;
export type LibraryName = (typeof LIBRARY_NAMES)[number];

const OPENERS: Partial<Record<LibraryName, (S: LuaState) => void>> = {
  _G: openBase,
  coroutine: openCoroutine,
  table: openTable,
  io: openIo,
  os: openOs,
  string: openString,
  math: openMath,
  utf8: openUtf8,
  package: openPackage,
  debug: openDebug,
};

/**
 * Open the standard libraries into S (all of them, or those listed in `which`, always in the
 * reference's order). Libraries not available in this build are skipped.
 */
export function openLibs(S: LuaState, which?: readonly LibraryName[]): void {
  for (const name of LIBRARY_NAMES) {
    if (which !== undefined && !which.includes(name)) continue;
    const open = OPENERS[name];
    if (open !== undefined) open(S);
  }
}

/** A new Lua state with all standard libraries open. */
export function newLuaState(): LuaState {
  const S = new LuaState();
  openLibs(S);
  return S;
}

/** Is library `name` part of this build (has an opener)? */
export function libraryAvailable(name: LibraryName): boolean {
  return OPENERS[name] !== undefined;
}
