// The os library (manual §6.9), as loslib.c of the reference (5.4.4) on glibc, in the C locale.
//
// Times are seconds since the epoch (integers, bigints beyond 2^53). Broken-down times are
// computed here (proleptic Gregorian calendar, the full range of C's `int` years); the local
// time zone comes from its TZif file (tzfile.ts: offsets, DST, abbreviations), and from
// JavaScript's Date for times after the file's last transition or when there is no file.
// strftime is reimplemented with glibc's results in the C locale.
//
// Differences from the reference:
//   - os.setlocale: only the C locale exists; "C", "POSIX" and "" (the environment's locale,
//     which is taken to be C) succeed and return "C"; queries return "C"; others return nil.
//   - os.exit(status, true) closes the pending to-be-closed variables of the main thread (as
//     lua_close), but calls no __gc metamethods (they are never called).
//   - os.execute flushes Moonlet's buffered standard output before running the command (the
//     reference does not flush C's stdout), so the outputs stay in program order.
//   - a TZ with POSIX daylight-saving rules and no zone file ("ABC3DEF,M3.2.0,M11.1.0") is not
//     understood (JavaScript's Date decides, usually UTC); fixed POSIX zones ("XYZ-3") are.
//     Without any zone data, %Z is the abbreviation JavaScript's Intl gives ("GMT+1").
//   - os.time on a nonexistent or ambiguous local time (in a DST change) may choose the other
//     candidate than glibc, whose choice depends on the previous calls of mktime.

import { closeSync, existsSync, openSync, renameSync, rmdirSync, unlinkSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { LuaTable } from '../runtime/table.js';
import { mkfloat, mkint, type LuaValue } from '../runtime/value.js';
import { toInteger } from '../runtime/number.js';
import type { NativeFn } from '../vm/function.js';
import type { LuaState, LuaThread } from '../vm/state.js';
import { index, setIndex } from '../vm/ops.js';
import { closeProtected } from '../vm/calls.js';
import { LuaException } from '../runtime/error.js';
import {
  arg, argError, checkInteger, checkOption, checkString, cString, checkType, luaError, newLib, optString,
  registerLib,
} from './aux.js';
import { fsPath } from './base.js';
import { nodeChildProcess, nodeCrypto } from './nodemods.js';
import {
  SHELL, commandText, execResult, exitStatusOf, fileFailure, fileSuccess, isSystemError,
} from './syserr.js';
import { flushAllOutput } from './io.js';
import { zoneAt } from './tzfile.js';

// ---- calendar ----------------------------------------------------------------------------------

const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

/** Days from 1970-01-01 to y-m-d (m 1..12), proleptic Gregorian (H. Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (m + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(z: number): { y: number; m: number; d: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400;
  return { y: m <= 2 ? y + 1 : y, m, d };
}

function isLeap(y: number): boolean {
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
}

/** struct tm, with the full year (tm_year + 1900) and glibc's tm_gmtoff / tm_zone. */
interface Tm {
  year: number;
  mon: number; // 0..11
  mday: number;
  hour: number;
  min: number;
  sec: number;
  wday: number; // 0 = Sunday
  yday: number; // 0..365
  isdst: number; // 0, 1 (never -1 for computed times)
  gmtoff: number; // seconds east of UTC
  zone: string;
}

/** JavaScript's Date covers +-8.64e15 ms; beyond, the offset of the nearest covered time is used. */
const DATE_LIMIT_S = 8.64e12;

function clampSeconds(t: number | bigint): number {
  const n = Number(t);
  return Math.max(-DATE_LIMIT_S, Math.min(DATE_LIMIT_S, n));
}

/** Offset of local time from UTC (seconds east) at time t. */
function localOffset(t: number | bigint): number {
  const off = -new Date(clampSeconds(t) * 1000).getTimezoneOffset();
  return Math.round(off * 60);
}

/** Standard (non-DST) offset of the local zone in the year containing time t. */
function standardOffset(t: number | bigint): number {
  const year = new Date(clampSeconds(t) * 1000).getFullYear();
  const at = (month: number): number => {
    const d = new Date(2000, month, 1);
    d.setFullYear(year); // (the Date constructor maps years 0..99 to 1900..1999)
    return -d.getTimezoneOffset();
  };
  return Math.round(Math.min(at(0), at(6)) * 60);
}

let zoneFormat: Intl.DateTimeFormat | undefined;

/** The local zone's abbreviation at time t (%Z). */
function localZoneName(t: number | bigint): string {
  try {
    zoneFormat ??= new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' });
    const part = zoneFormat.formatToParts(new Date(clampSeconds(t) * 1000)).find((p) => p.type === 'timeZoneName');
    if (part !== undefined) return part.value;
  } catch {
    // no Intl data: fall through
  }
  return '';
}

/** Offset, DST state and abbreviation of local time at t (the zone file, else Date and Intl). */
function localInfo(t: number | bigint): { gmtoff: number; isdst: number; zone: string } {
  const z = zoneAt(Number(t), () => localOffset(t) > standardOffset(t));
  if (z !== undefined && z.exact) return { gmtoff: z.info.gmtoff, isdst: z.info.isdst ? 1 : 0, zone: z.info.abbr };
  const gmtoff = localOffset(t);
  const isdst = gmtoff > standardOffset(t) ? 1 : 0;
  return { gmtoff, isdst, zone: z !== undefined ? z.info.abbr : localZoneName(t) };
}

/** Split seconds into whole days since the epoch and seconds of the day. */
function splitTime(t: number | bigint): { days: number; sod: number } {
  if (typeof t === 'bigint') {
    let days = t / 86400n;
    let sod = t % 86400n;
    if (sod < 0n) {
      sod += 86400n;
      days -= 1n;
    }
    return { days: Number(days), sod: Number(sod) };
  }
  const days = Math.floor(t / 86400);
  return { days, sod: t - days * 86400 };
}

function addSeconds(t: number | bigint, s: number): number | bigint {
  if (typeof t === 'number') {
    const r = t + s;
    if (Number.isSafeInteger(r)) return r;
    return mkint(BigInt(t) + BigInt(s));
  }
  return mkint(t + BigInt(s));
}

/** gmtime / localtime; undefined when the year does not fit C's int tm_year. */
function breakDown(t: number | bigint, utc: boolean): Tm | undefined {
  const li = utc ? { gmtoff: 0, isdst: 0, zone: 'GMT' } : localInfo(t);
  const gmtoff = li.gmtoff;
  const { days, sod } = splitTime(addSeconds(t, gmtoff));
  const { y, m, d } = civilFromDays(days);
  if (y - 1900 > INT_MAX || y - 1900 < INT_MIN) return undefined;
  return {
    year: y,
    mon: m - 1,
    mday: d,
    hour: Math.floor(sod / 3600),
    min: Math.floor(sod / 60) % 60,
    sec: sod % 60,
    wday: (((days + 4) % 7) + 7) % 7,
    yday: days - daysFromCivil(y, 1, 1),
    isdst: li.isdst,
    gmtoff,
    zone: li.zone,
  };
}

/** mktime: the time of the (possibly out-of-range) local fields; undefined if not representable. */
function makeTime(
  tmYear: number, mon: number, mday: number, hour: number, min: number, sec: number, isdst: number,
): { t: number | bigint; tm: Tm } | undefined {
  const y = tmYear + 1900 + Math.floor(mon / 12);
  const m = ((mon % 12) + 12) % 12;
  const days = daysFromCivil(y, m + 1, 1) + (mday - 1);
  // glibc searches with the seconds clamped to 0..59 and adds the rest at the end
  const secClamped = Math.max(0, Math.min(59, sec));
  const requested = days * 86400 + hour * 3600 + min * 60 + secClamped;
  let t: number | bigint;
  if (Math.abs(requested) < 2 ** 52) {
    const found = glibcSearch(requested, isdst);
    if (found === undefined) return undefined;
    t = addSeconds(found, sec - secClamped);
  } else {
    // far from the epoch the zone has a constant offset
    const local = mkint(BigInt(days) * 86400n + BigInt(hour * 3600 + min * 60 + sec));
    t = addSeconds(local, -localInfo(local).gmtoff);
  }
  const tm = breakDown(t, false);
  if (tm === undefined) return undefined;
  return { t, tm };
}

/** glibc's localtime_offset: minus the UTC offset found by the last mktime, its next first guess. */
let mktimeOffset = 0;

/**
 * The search of glibc's __mktime_internal for the time whose local fields are `requested`
 * (seconds as if UTC), with its choices for times in DST gaps (oscillation), ambiguous times
 * (the first guess decides) and a requested isdst that differs from the zone's.
 */
function glibcSearch(requested: number, isdst: number): number | undefined {
  const isdstDiffer = (a: number, b: number): boolean => (a === 0) !== (b === 0) && a >= 0 && b >= 0;
  const t0 = requested + mktimeOffset;
  let t = t0;
  let t1 = t0;
  let t2 = t0;
  let remaining = 6;
  let li = localInfo(t);
  let found = false;
  for (;;) {
    li = localInfo(t);
    const gt = requested - li.gmtoff;
    if (gt === t) break;
    if (t === t1 && t !== t2 && (isdst < 0 ? li.isdst !== 0 : (isdst !== 0) !== (li.isdst !== 0))) {
      // oscillating around a gap: glibc keeps the candidate in DST (or, with a requested
      // isdst, the one whose isdst differs from it)
      found = true;
      break;
    }
    if (--remaining === 0) return undefined;
    t1 = t2;
    t2 = t;
    t = gt;
  }
  if (!found && isdstDiffer(isdst, li.isdst)) {
    // look for a neighbouring time with the requested isdst and use its offset
    const stride = 601200;
    const bound = 536454000 / 2 + stride;
    search: for (let delta = stride; delta < bound; delta += stride) {
      for (const dir of [-1, 1]) {
        const ot = t + delta * dir;
        const oli = localInfo(ot);
        if (!isdstDiffer(isdst, oli.isdst)) {
          t = requested - oli.gmtoff;
          found = true;
          break search;
        }
      }
    }
    if (!found) t += 3600 * ((isdst === 0 ? 1 : 0) - (li.isdst === 0 ? 1 : 0));
  }
  mktimeOffset = t - requested;
  return t;
}

// ---- strftime (C locale) ---------------------------------------------------------------------------

const DAY_ABBR = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_NAME = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MON_ABBR = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MON_NAME = [
  'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
  'November', 'December',
];

/** LUA_STRFTIMEOPTIONS for C99: one-character conversions, then the E and O two-character ones. */
const OPTIONS_1 = 'aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%';
const OPTIONS_2 = ['Ec', 'EC', 'Ex', 'EX', 'Ey', 'EY', 'Od', 'Oe', 'OH', 'OI', 'Om', 'OM', 'OS', 'Ou', 'OU', 'OV', 'Ow', 'OW', 'Oy'];

function pad(n: number, width: number, ch = '0'): string {
  const s = String(Math.abs(n));
  const body = s.length < width ? ch.repeat(width - s.length) + s : s;
  return n < 0 ? '-' + body : body;
}

function mod(a: number, b: number): number {
  return ((a % b) + b) % b;
}

/** glibc's iso_week_days. */
function isoWeekDays(yday: number, wday: number): number {
  const big = 378; // (-YDAY_MINIMUM / 7 + 2) * 7
  return yday - ((yday - wday + 4 + big) % 7) + 4 - 1;
}

function isoWeek(tm: Tm): { year: number; week: number } {
  let year = tm.year;
  let days = isoWeekDays(tm.yday, tm.wday);
  if (days < 0) {
    year--;
    days = isoWeekDays(tm.yday + (isLeap(year) ? 366 : 365), tm.wday);
  } else {
    const d = isoWeekDays(tm.yday - (isLeap(year) ? 366 : 365), tm.wday);
    if (d >= 0) {
      year++;
      days = d;
    }
  }
  return { year, week: Math.floor(days / 7) + 1 };
}

/** One conversion (without '%' and without the E/O modifier) in the C locale. */
function convert(c: string, tm: Tm): string {
  switch (c) {
    case 'a': return DAY_ABBR[tm.wday];
    case 'A': return DAY_NAME[tm.wday];
    case 'b': case 'h': return MON_ABBR[tm.mon];
    case 'B': return MON_NAME[tm.mon];
    case 'c': return `${DAY_ABBR[tm.wday]} ${MON_ABBR[tm.mon]} ${pad(tm.mday, 2, ' ')} ${convert('T', tm)} ${convert('Y', tm)}`;
    case 'C': return String(Math.floor(tm.year / 100));
    case 'd': return pad(tm.mday, 2);
    case 'D': case 'x': return `${pad(tm.mon + 1, 2)}/${pad(tm.mday, 2)}/${convert('y', tm)}`;
    case 'e': return pad(tm.mday, 2, ' ');
    case 'F': return `${convert('Y', tm)}-${pad(tm.mon + 1, 2)}-${pad(tm.mday, 2)}`;
    case 'g': return pad(mod(isoWeek(tm).year, 100), 2);
    case 'G': return String(isoWeek(tm).year | 0);
    case 'H': return pad(tm.hour, 2);
    case 'I': return pad(tm.hour % 12 === 0 ? 12 : tm.hour % 12, 2);
    case 'j': return pad(tm.yday + 1, 3);
    case 'm': return pad(tm.mon + 1, 2);
    case 'M': return pad(tm.min, 2);
    case 'n': return '\n';
    case 'p': return tm.hour < 12 ? 'AM' : 'PM';
    case 'r': return `${convert('I', tm)}:${pad(tm.min, 2)}:${pad(tm.sec, 2)} ${convert('p', tm)}`;
    case 'R': return `${pad(tm.hour, 2)}:${pad(tm.min, 2)}`;
    case 'S': return pad(tm.sec, 2);
    case 't': return '\t';
    case 'T': case 'X': return `${pad(tm.hour, 2)}:${pad(tm.min, 2)}:${pad(tm.sec, 2)}`;
    case 'u': return String(tm.wday === 0 ? 7 : tm.wday);
    case 'U': return pad(Math.floor((tm.yday + 7 - tm.wday) / 7), 2);
    case 'V': return pad(isoWeek(tm).week, 2);
    case 'w': return String(tm.wday);
    case 'W': return pad(Math.floor((tm.yday + 7 - ((tm.wday + 6) % 7)) / 7), 2);
    case 'y': return pad(mod(tm.year, 100), 2);
    case 'Y': return String(tm.year | 0); // glibc prints tm_year + 1900 as an int (wrapping)
    case 'z': {
      const a = Math.abs(tm.gmtoff);
      return (tm.gmtoff < 0 ? '-' : '+') + pad(Math.floor(a / 3600), 2) + pad(Math.floor(a / 60) % 60, 2);
    }
    case 'Z': return tm.zone;
    default: return '%'; // '%%'
  }
}

/** The strftime expansion of format `s` (os.date), checking each conversion as checkoption does. */
function strftime(L: LuaThread, s: string, tm: Tm): string {
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s.charAt(i);
    if (ch !== '%') {
      const next = s.indexOf('%', i);
      const end = next < 0 ? s.length : next;
      out += s.slice(i, end);
      i = end;
      continue;
    }
    i++;
    const rest = s.length - i;
    if (rest >= 1 && OPTIONS_1.includes(s.charAt(i))) {
      out += convert(s.charAt(i), tm);
      i += 1;
    } else if (rest >= 2 && OPTIONS_2.includes(s.slice(i, i + 2))) {
      out += convert(s.charAt(i + 1), tm); // E and O select nothing else in the C locale
      i += 2;
    } else {
      const tail = s.slice(i);
      const nul = tail.indexOf('\0');
      argError(L, 1, `invalid conversion specifier '%${nul < 0 ? tail : tail.slice(0, nul)}'`);
    }
  }
  return out;
}

// ---- the library -------------------------------------------------------------------------------

/** l_checktime: an integer time argument. */
function checkTime(L: LuaThread, base: number, nargs: number, i: number): number | bigint {
  return checkInteger(L, base, nargs, i);
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** setallfields: the fields of tm into table t (through __newindex, as lua_setfield). */
function setAllFields(L: LuaThread, t: LuaValue, tm: Tm): void {
  setIndex(L, t, 'year', tm.year);
  setIndex(L, t, 'month', tm.mon + 1);
  setIndex(L, t, 'day', tm.mday);
  setIndex(L, t, 'hour', tm.hour);
  setIndex(L, t, 'min', tm.min);
  setIndex(L, t, 'sec', tm.sec);
  setIndex(L, t, 'yday', tm.yday + 1);
  setIndex(L, t, 'wday', tm.wday + 1);
  if (tm.isdst >= 0) setIndex(L, t, 'isdst', tm.isdst !== 0);
}

/** getfield of os.time: an int field minus delta, the default d when absent (d < 0: required). */
function getField(L: LuaThread, t: LuaValue, key: string, d: number, delta: number): number {
  const v = index(L, t, key);
  const n = toInteger(v); // lua_tointegerx: strings convert too
  if (n === undefined) {
    if (v !== undefined) return luaError(L, `field '${key}' is not an integer`);
    if (d < 0) return luaError(L, `field '${key}' missing in date table`);
    return d;
  }
  return checkFieldRange(L, key, n, delta);
}

function checkFieldRange(L: LuaThread, key: string, n: number | bigint, delta: number): number {
  const ok = typeof n === 'number' && (n >= 0 ? n - delta <= INT_MAX : INT_MIN + delta <= n);
  if (!ok) return luaError(L, `field '${key}' is out-of-bound`);
  return (n as number) - delta;
}

const os_time: NativeFn = (L, base, nargs) => {
  const a = arg(L, base, nargs, 1);
  if (a === undefined) {
    L.stack[base] = nowSeconds();
    return 1;
  }
  checkType(L, base, nargs, 1, 'table');
  const year = getField(L, a, 'year', -1, 1900);
  const mon = getField(L, a, 'month', -1, 1);
  const mday = getField(L, a, 'day', -1, 0);
  const hour = getField(L, a, 'hour', 12, 0);
  const min = getField(L, a, 'min', 0, 0);
  const sec = getField(L, a, 'sec', 0, 0);
  const dstv = index(L, a, 'isdst');
  const isdst = dstv === undefined ? -1 : dstv === false ? 0 : 1;
  const r = makeTime(year, mon, mday, hour, min, sec, isdst);
  if (r === undefined || r.t === -1) {
    if (r !== undefined) setAllFields(L, a, r.tm);
    return luaError(L, 'time result cannot be represented in this installation');
  }
  setAllFields(L, a, r.tm);
  L.stack[base] = r.t;
  return 1;
};

const os_date: NativeFn = (L, base, nargs) => {
  let s = optString(L, base, nargs, 1, '%c');
  const t = arg(L, base, nargs, 2) === undefined ? nowSeconds() : checkTime(L, base, nargs, 2);
  let utc = false;
  if (s.charAt(0) === '!') {
    utc = true;
    s = s.slice(1);
  }
  const tm = breakDown(t, utc);
  if (tm === undefined) return luaError(L, 'date result cannot be represented in this installation');
  if (s === '*t') {
    const res = new LuaTable();
    setAllFields(L, res, tm);
    L.stack[base] = res;
  } else L.stack[base] = strftime(L, s, tm);
  return 1;
};

const os_clock: NativeFn = (L, base) => {
  const u = process.cpuUsage();
  L.stack[base] = mkfloat((u.user + u.system) / 1e6);
  return 1;
};

const os_difftime: NativeFn = (L, base, nargs) => {
  const t1 = checkTime(L, base, nargs, 1);
  const t2 = checkTime(L, base, nargs, 2);
  L.stack[base] = mkfloat(Number(t1) - Number(t2));
  return 1;
};

const os_getenv: NativeFn = (L, base, nargs) => {
  const name = checkString(L, base, nargs, 1);
  const v = process.env[Buffer.from(name, 'latin1').toString('utf8')];
  L.stack[base] = v === undefined ? undefined : Buffer.from(v, 'utf8').toString('latin1');
  return 1;
};

const os_remove: NativeFn = (L, base, nargs) => {
  const name = cString(checkString(L, base, nargs, 1)); // a C string in the reference
  try {
    try {
      unlinkSync(fsPath(name));
    } catch (e) {
      // remove() also removes empty directories
      if ((e as { code?: string }).code === 'EISDIR') rmdirSync(fsPath(name));
      else throw e;
    }
  } catch (e) {
    if (!isSystemError(e)) throw e;
    return fileFailure(L, base, e, name);
  }
  return fileSuccess(L, base);
};

const os_rename: NativeFn = (L, base, nargs) => {
  const from = cString(checkString(L, base, nargs, 1)); // C strings in the reference
  const to = cString(checkString(L, base, nargs, 2));
  try {
    renameSync(fsPath(from), fsPath(to));
  } catch (e) {
    if (!isSystemError(e)) throw e;
    return fileFailure(L, base, e);
  }
  return fileSuccess(L, base);
};

const os_tmpname: NativeFn = (L, base) => {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  for (let attempt = 0; attempt < 100; attempt++) {
    const bytes = nodeCrypto().randomBytes(6);
    let name = '/tmp/lua_';
    for (const b of bytes) name += chars.charAt(b % chars.length);
    try {
      closeSync(openSync(name, 'wx', 0o600)); // mkstemp creates the file
      L.stack[base] = name;
      return 1;
    } catch (e) {
      if ((e as { code?: string }).code !== 'EEXIST') break;
    }
  }
  return luaError(L, 'unable to generate a unique filename');
};

const os_exit: NativeFn = (L, base, nargs) => {
  const v = arg(L, base, nargs, 1);
  let status: number;
  if (typeof v === 'boolean') status = v ? 0 : 1;
  else if (v === undefined) status = 0;
  else {
    const n = checkInteger(L, base, nargs, 1);
    status = Number(BigInt.asUintN(8, BigInt(n)));
  }
  if (arg(L, base, nargs, 2) !== undefined && arg(L, base, nargs, 2) !== false) {
    // lua_close: unwind the main thread's frames and close its pending to-be-closed variables
    // (errors ignored); the process ends right after, so the frames are not needed any more
    const M = L.state.mainThread;
    M.ciIdx = 0;
    M.ci = M.cis[0];
    M.top = Math.max(M.top, 1);
    L.state.current = M;
    try {
      closeProtected(M, 1, undefined, false);
    } catch (e) {
      if (!(e instanceof LuaException)) throw e;
    }
  }
  flushAllOutput(L.state);
  process.exit(status);
};

const LOCALE_CATEGORIES = ['all', 'collate', 'ctype', 'monetary', 'numeric', 'time'] as const;

const os_setlocale: NativeFn = (L, base, nargs) => {
  const v = arg(L, base, nargs, 1);
  const l = v === undefined ? undefined : checkString(L, base, nargs, 1);
  checkOption(L, base, nargs, 2, 'all', LOCALE_CATEGORIES);
  L.stack[base] = l === undefined || l === 'C' || l === 'POSIX' || l === '' ? 'C' : undefined;
  return 1;
};

const os_execute: NativeFn = (L, base, nargs) => {
  const v = arg(L, base, nargs, 1);
  if (v === undefined) {
    L.stack[base] = existsSync(SHELL);
    return 1;
  }
  const cmd = checkString(L, base, nargs, 1);
  flushAllOutput(L.state);
  const r = nodeChildProcess().spawnSync(SHELL, ['-c', commandText(cmd)], { stdio: 'inherit' });
  if (r.error !== undefined) return fileFailure(L, base, r.error);
  return execResult(L, base, exitStatusOf(r, osConstants.signals as unknown as Record<string, number>));
};

/** Open the os library (luaopen_os). */
export function openOs(S: LuaState): void {
  const lib = newLib({
    clock: os_clock,
    date: os_date,
    difftime: os_difftime,
    execute: os_execute,
    exit: os_exit,
    getenv: os_getenv,
    remove: os_remove,
    rename: os_rename,
    setlocale: os_setlocale,
    time: os_time,
    tmpname: os_tmpname,
  });
  registerLib(S, 'os', lib);
}
