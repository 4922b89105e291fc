// The package library and require (manual §6.3), a port of loadlib.c of the reference (5.4.4):
// require, package.path / cpath / config / loaded / preload / searchers / searchpath / loadlib.
//
// - The default paths are those of the installed reference (Debian's lua5.4, which adds
//   /usr/share/lua/5.4 and the multiarch C directories to the upstream defaults), so Lua modules
//   installed for lua5.4 are found and "module 'x' not found" messages list the same files.
//   LUA_PATH_5_4 / LUA_PATH (LUA_CPATH_5_4 / LUA_CPATH) override them, ";;" standing for the
//   default; ignored when the registry has LUA_NOENV (moonlet -E).
// - Native (C) modules cannot be loaded: the C searchers search package.cpath as the reference
//   does (so their "no file" lines are the same), but a file they find fails to load with
//   NATIVE_MSG, and package.loadlib always returns fail, NATIVE_MSG, "absent" (as the
//   reference built without dynamic-library support).
// - As in the reference, require and the searchers use the registry's _LOADED and _PRELOAD
//   tables (what package.loaded / package.preload are initially) and the package table they
//   were created with (its path, cpath and searchers fields).

import { openSync, closeSync } from 'node:fs';
import { LuaTable } from '../runtime/table.js';
import { LuaFunction, isFalsy, type LuaValue } from '../runtime/value.js';
import { isNumber, numberToString } from '../runtime/number.js';
import { NativeFunction, type NativeFn } from '../vm/function.js';
import type { LuaState, LuaThread } from '../vm/state.js';
import { index, setIndex } from '../vm/ops.js';
import { checkString, luaError, optString, registerLib } from './aux.js';
import { fsPath, loadFile } from './base.js';

const LUA_PATH_SEP = ';';
const LUA_PATH_MARK = '?';
const LUA_EXEC_DIR = '!';
const LUA_IGMARK = '-';
const LUA_DIRSEP = '/';

const LUA_PATH_DEFAULT =
  '/usr/local/share/lua/5.4/?.lua;/usr/local/share/lua/5.4/?/init.lua;' +
  '/usr/local/lib/lua/5.4/?.lua;/usr/local/lib/lua/5.4/?/init.lua;' +
  '/usr/share/lua/5.4/?.lua;/usr/share/lua/5.4/?/init.lua;' +
  './?.lua;./?/init.lua';
const LUA_CPATH_DEFAULT =
  '/usr/local/lib/lua/5.4/?.so;/usr/lib/x86_64-linux-gnu/lua/5.4/?.so;/usr/lib/lua/5.4/?.so;' +
  '/usr/local/lib/lua/5.4/loadall.so;./?.so';

/** Why a native module cannot be loaded (the reference's DLMSG, for Moonlet). */
const NATIVE_MSG = 'dynamic libraries not enabled; Moonlet cannot load native (C) modules';

/** Registry keys of the loaded and preload tables (LUA_LOADED_TABLE, LUA_PRELOAD_TABLE). */
const LOADED_KEY = '_LOADED';
const PRELOAD_KEY = '_PRELOAD';

/** A Lua string as the C functions of loadlib.c see it: up to its first NUL. */
const cstr = (s: string): string => {
  const z = s.indexOf('\0');
  return z < 0 ? s : s.slice(0, z);
};

/** Replace every occurrence of p in s by r (luaL_gsub). */
const gsub = (s: string, p: string, r: string): string => s.split(p).join(r);

/** An environment variable as Lua bytes, or undefined. */
function getenv(name: string): string | undefined {
  const v = process.env[name];
  return v === undefined ? undefined : Buffer.from(v, 'utf8').toString('latin1');
}

/** setpath: the value of package[field] from the environment or the default. */
function pathFromEnv(S: LuaState, envname: string, dft: string): string {
  let path = getenv(envname + '_5_4');
  if (path === undefined) path = getenv(envname);
  if (path === undefined || !isFalsy(S.registry.getStr('LUA_NOENV'))) return dft;
  path = cstr(path);
  const mark = path.indexOf(LUA_PATH_SEP + LUA_PATH_SEP);
  if (mark < 0) return path;
  // ";;" stands for the default path
  let r = '';
  if (mark > 0) r += path.slice(0, mark) + LUA_PATH_SEP;
  r += dft;
  if (mark < path.length - 2) r += LUA_PATH_SEP + path.slice(mark + 2);
  return r;
}

/** fopen(filename, "r") succeeds (as in C, also for a directory). */
function readable(filename: string): boolean {
  if (filename.length === 0) return false;
  try {
    closeSync(openSync(fsPath(filename), 'r'));
    return true;
  } catch {
    return false;
  }
}

/**
 * searchpath: the first readable file of `path` with '?' replaced by name (where sep is
 * replaced by dirsep), or the "no file '...'" lines of all names tried.
 */
function searchPath(name: string, path: string, sep: string, dirsep: string): { file: string } | { error: string } {
  name = cstr(name);
  path = cstr(path);
  sep = cstr(sep);
  dirsep = cstr(dirsep);
  if (sep !== '' && name.includes(sep.charAt(0))) name = gsub(name, sep, dirsep);
  const names = gsub(path, LUA_PATH_MARK, name);
  if (names !== '') {
    for (const filename of names.split(LUA_PATH_SEP)) if (readable(filename)) return { file: filename };
  }
  return { error: "no file '" + gsub(names, LUA_PATH_SEP, "'\n\tno file '") + "'" };
}

/** The string at package[pname] (findfile's check). */
function packagePath(L: LuaThread, pkg: LuaTable, pname: string): string {
  const v = index(L, pkg, pname);
  if (typeof v === 'string') return v;
  if (isNumber(v)) return numberToString(v);
  return luaError(L, `'package.${pname}' must be a string`);
}

/** checkload: return the loader and file name, or raise the loading error. */
function checkLoad(
  L: LuaThread, base: number, modname: string, loader: LuaValue | undefined, filename: string, err: LuaValue,
): number {
  if (loader !== undefined) {
    L.stack[base] = loader;
    L.stack[base + 1] = filename;
    return 2;
  }
  const msg = typeof err === 'string' ? err : isNumber(err) ? numberToString(err) : '(null)';
  return luaError(L, `error loading module '${cstr(modname)}' from file '${filename}':\n\t${cstr(msg)}`);
}

/** Searchers and require, sharing the package table they were created with. */
function makeFunctions(pkg: LuaTable): {
  searchers: NativeFn[]; require: NativeFn; searchpath: NativeFn; loadlib: NativeFn;
} {
  const searcherPreload: NativeFn = (L, base, nargs) => {
    const name = checkString(L, base, nargs, 1);
    const preload = L.state.registry.getStr(PRELOAD_KEY);
    const loader = index(L, preload, cstr(name));
    const stack = L.stack;
    if (loader === undefined) {
      stack[base] = `no field package.preload['${cstr(name)}']`;
      return 1;
    }
    stack[base] = loader;
    stack[base + 1] = ':preload:';
    return 2;
  };

  const searcherLua: NativeFn = (L, base, nargs) => {
    const name = checkString(L, base, nargs, 1);
    const found = searchPath(name, packagePath(L, pkg, 'path'), '.', LUA_DIRSEP);
    if ('error' in found) {
      L.stack[base] = found.error;
      return 1;
    }
    const r = loadFile(L.state, found.file);
    return checkLoad(L, base, name, r.ok ? r.fn : undefined, found.file, r.ok ? undefined : r.error);
  };

  const searcherC: NativeFn = (L, base, nargs) => {
    const name = checkString(L, base, nargs, 1);
    const found = searchPath(name, packagePath(L, pkg, 'cpath'), '.', LUA_DIRSEP);
    if ('error' in found) {
      L.stack[base] = found.error;
      return 1;
    }
    return checkLoad(L, base, name, undefined, found.file, NATIVE_MSG);
  };

  const searcherCroot: NativeFn = (L, base, nargs) => {
    const name = checkString(L, base, nargs, 1);
    const dot = cstr(name).indexOf('.');
    if (dot < 0) return 0; // is root
    const found = searchPath(name.slice(0, dot), packagePath(L, pkg, 'cpath'), '.', LUA_DIRSEP);
    if ('error' in found) {
      L.stack[base] = found.error;
      return 1;
    }
    return checkLoad(L, base, name, undefined, found.file, NATIVE_MSG);
  };

  /** findloader: ask each searcher in turn; the loader and its data, or "module not found". */
  function findLoader(L: LuaThread, name: string): [LuaValue, LuaValue] {
    const searchers = index(L, pkg, 'searchers');
    if (!(searchers instanceof LuaTable)) luaError(L, "'package.searchers' must be a table");
    let msg = '';
    for (let i = 1; ; i++) {
      const searcher = searchers.getInt(i);
      if (searcher === undefined) luaError(L, `module '${cstr(name)}' not found:${cstr(msg)}`);
      const [loader, data] = L.call(searcher, [name]);
      if (loader instanceof LuaFunction) return [loader, data];
      if (typeof loader === 'string') msg += '\n\t' + loader;
      else if (isNumber(loader)) msg += '\n\t' + numberToString(loader);
    }
  }

  const require: NativeFn = (L, base, nargs) => {
    const fullName = checkString(L, base, nargs, 1);
    // the C API (lua_getfield, lua_pushstring) sees the name up to its first NUL; the loader gets it whole
    const name = cstr(fullName);
    const loaded = L.state.registry.getStr(LOADED_KEY);
    const present = index(L, loaded, name);
    if (!isFalsy(present)) {
      L.stack[base] = present;
      return 1;
    }
    L.top = base + 1;
    const [loader, data] = findLoader(L, name);
    const result = L.call(loader, [fullName, data])[0];
    if (result !== undefined) setIndex(L, loaded, name, result);
    let value = index(L, loaded, name);
    if (value === undefined) { // module set no value: use true
      value = true;
      setIndex(L, loaded, name, value);
    }
    const stack = L.stack;
    stack[base] = value;
    stack[base + 1] = data;
    return 2;
  };

  const searchpath: NativeFn = (L, base, nargs) => {
    // checked from the last argument to the first: the reference's checks are arguments of one C
    // call, which its compiler (gcc) evaluates right to left, so the highest bad argument is reported
    const dirsep = optString(L, base, nargs, 4, LUA_DIRSEP);
    const sep = optString(L, base, nargs, 3, '.');
    const path = checkString(L, base, nargs, 2);
    const name = checkString(L, base, nargs, 1);
    const found = searchPath(name, path, sep, dirsep);
    const stack = L.stack;
    if ('file' in found) {
      stack[base] = found.file;
      return 1;
    }
    stack[base] = undefined;
    stack[base + 1] = found.error;
    return 2;
  };

  const loadlib: NativeFn = (L, base, nargs) => {
    checkString(L, base, nargs, 1);
    checkString(L, base, nargs, 2);
    const stack = L.stack;
    stack[base] = undefined;
    stack[base + 1] = NATIVE_MSG;
    stack[base + 2] = 'absent';
    return 3;
  };

  return { searchers: [searcherPreload, searcherLua, searcherC, searcherCroot], require, searchpath, loadlib };
}

/** luaL_getsubtable on the registry. */
function registryTable(S: LuaState, key: string, dft?: LuaTable): LuaTable {
  const t = S.registry.getStr(key);
  if (t instanceof LuaTable) return t;
  const nt = dft ?? new LuaTable();
  S.registry.setStr(key, nt);
  return nt;
}

/** Open the package library and the global require (luaopen_package). */
export function openPackage(S: LuaState): void {
  const pkg = new LuaTable();
  const fns = makeFunctions(pkg);
  pkg.setStr('loadlib', new NativeFunction('loadlib', fns.loadlib));
  pkg.setStr('searchpath', new NativeFunction('searchpath', fns.searchpath));
  const searchers = new LuaTable();
  fns.searchers.forEach((fn, i) => searchers.setInt(i + 1, new NativeFunction('searcher', fn)));
  pkg.setStr('searchers', searchers);
  pkg.setStr('path', pathFromEnv(S, 'LUA_PATH', LUA_PATH_DEFAULT));
  pkg.setStr('cpath', pathFromEnv(S, 'LUA_CPATH', LUA_CPATH_DEFAULT));
  pkg.setStr('config', [LUA_DIRSEP, LUA_PATH_SEP, LUA_PATH_MARK, LUA_EXEC_DIR, LUA_IGMARK, ''].join('\n'));
  pkg.setStr('loaded', registryTable(S, LOADED_KEY, S.loaded));
  pkg.setStr('preload', registryTable(S, PRELOAD_KEY));
  S.globals.setStr('require', new NativeFunction('require', fns.require));
  registerLib(S, 'package', pkg);
}
