// The local time zone as glibc sees it: the TZif file of $TZ (or /etc/localtime), for the zone
// abbreviations (%Z: "CET", "EST", "LMT") and the exact offsets of old times (LMT offsets have
// seconds, which JavaScript's Date rounds away). Times after the file's last transition follow
// the POSIX rule of its footer; for them only the abbreviations are taken from here (the caller
// gets offsets from Date, which applies the same rules).

import { readFileSync } from 'node:fs';

export interface ZoneInfo {
  gmtoff: number;
  isdst: boolean;
  abbr: string;
}

interface TzData {
  /** Transition times (seconds, ascending) and the type index in force from each. */
  times: number[];
  typeIdx: number[];
  types: ZoneInfo[];
  /** Abbreviations of the footer rule: standard and daylight-saving (may be absent). */
  footerStd: string | undefined;
  footerDst: string | undefined;
}

let cached: { key: string | undefined; data: TzData | undefined } | undefined;

function zonePath(tz: string | undefined): string | undefined {
  if (tz === undefined) return '/etc/localtime';
  let name = tz.startsWith(':') ? tz.slice(1) : tz;
  if (name === '') name = 'UTC';
  if (name.startsWith('/')) return name;
  if (name.includes('..')) return undefined;
  return '/usr/share/zoneinfo/' + name;
}

/** Parse a TZif file (version 1, or the 64-bit data of versions 2+); undefined if malformed. */
function parseTzif(buf: Buffer): TzData | undefined {
  if (buf.length < 44 || buf.toString('latin1', 0, 4) !== 'TZif') return undefined;
  const version = buf[4];
  const counts = (at: number): number[] => [0, 1, 2, 3, 4, 5].map((k) => buf.readUInt32BE(at + 20 + 4 * k));
  let [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(0);
  let at = 44;
  let timeSize = 4;
  if (version >= 0x32) {
    // skip the 32-bit block to the 64-bit header
    at += timecnt * 4 + timecnt + typecnt * 6 + charcnt + leapcnt * 8 + isstdcnt + isutcnt;
    if (buf.length < at + 44 || buf.toString('latin1', at, at + 4) !== 'TZif') return undefined;
    [isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt] = counts(at);
    at += 44;
    timeSize = 8;
  }
  const need = timecnt * timeSize + timecnt + typecnt * 6 + charcnt;
  if (buf.length < at + need || typecnt === 0) return undefined;
  const times: number[] = [];
  for (let k = 0; k < timecnt; k++) {
    times.push(timeSize === 8 ? Number(buf.readBigInt64BE(at + 8 * k)) : buf.readInt32BE(at + 4 * k));
  }
  at += timecnt * timeSize;
  const typeIdx: number[] = [];
  for (let k = 0; k < timecnt; k++) typeIdx.push(buf[at + k]);
  at += timecnt;
  const charsAt = at + typecnt * 6;
  const types: ZoneInfo[] = [];
  for (let k = 0; k < typecnt; k++) {
    const p = at + 6 * k;
    const abbrAt = charsAt + buf[p + 5];
    let end = abbrAt;
    while (end < charsAt + charcnt && buf[end] !== 0) end++;
    types.push({ gmtoff: buf.readInt32BE(p), isdst: buf[p + 4] !== 0, abbr: buf.toString('latin1', abbrAt, end) });
  }
  if (typeIdx.some((i) => i >= typecnt)) return undefined;
  let footerStd: string | undefined;
  let footerDst: string | undefined;
  if (timeSize === 8) {
    at = charsAt + charcnt + leapcnt * 12 + isstdcnt + isutcnt;
    const nl = buf.indexOf(10, at + 1);
    if (buf[at] === 10 && nl > at) {
      const rule = buf.toString('latin1', at + 1, nl);
      // std name, offset, [dst name ...]: names are letters or <...>
      const m = /^(<[^>]*>|[A-Za-z]+)[-+0-9:]+(<[^>]*>|[A-Za-z]+)?/.exec(rule);
      if (m !== null) {
        const unq = (s: string | undefined): string | undefined => (s === undefined ? undefined : s.replace(/^<(.*)>$/, '$1'));
        footerStd = unq(m[1]);
        footerDst = unq(m[2]);
      }
    }
  }
  return { times, typeIdx, types, footerStd, footerDst };
}

function zoneData(): TzData | undefined {
  const key = process.env.TZ;
  if (cached !== undefined && cached.key === key) return cached.data;
  let data: TzData | undefined;
  const path = zonePath(key);
  if (path !== undefined) {
    try {
      data = parseTzif(readFileSync(path));
    } catch {
      data = undefined;
    }
  }
  if (data === undefined && key !== undefined) data = posixFixedZone(key.startsWith(':') ? key.slice(1) : key);
  cached = { key, data };
  return data;
}

/**
 * A TZ value that names no zone file: a POSIX zone without DST rules ("XYZ-3", "<+0330>-3:30")
 * is a fixed offset; a name glibc cannot parse further ("Nowhere/City") is UTC under that name.
 * Values with DST rules are left to JavaScript's Date (undefined).
 */
function posixFixedZone(tz: string): TzData | undefined {
  const m = /^(<[^>]*>|[A-Za-z]{3,})(?:([-+]?)(\d{1,2})(?::(\d{1,2})(?::(\d{1,2}))?)?)?(.*)$/.exec(tz);
  if (m === null) return undefined;
  const name = m[1].replace(/^<(.*)>$/, '$1');
  let gmtoff = 0;
  if (m[3] !== undefined) {
    if (m[6] !== '') return undefined; // a DST part follows
    const secs = Number(m[3]) * 3600 + Number(m[4] ?? 0) * 60 + Number(m[5] ?? 0);
    gmtoff = m[2] === '-' ? secs : -secs; // POSIX offsets are west of Greenwich
  } else if (m[1].startsWith('<')) return undefined;
  return { times: [], typeIdx: [], types: [{ gmtoff, isdst: false, abbr: name }], footerStd: undefined, footerDst: undefined };
}

/**
 * The local zone at time t from the TZif data: { gmtoff, isdst, abbr } up to the last
 * transition; after it, { abbr } for the given DST state (from the footer rule). undefined when
 * there is no zone file.
 */
export function zoneAt(t: number, isdstAfter: () => boolean): { info: ZoneInfo; exact: boolean } | undefined {
  const d = zoneData();
  if (d === undefined) return undefined;
  const { times, typeIdx, types } = d;
  if (times.length === 0 || t < times[0]) {
    // before the first transition: the first standard-time type (glibc's choice), else type 0
    const first = types.find((x) => !x.isdst) ?? types[0];
    if (times.length > 0 || d.footerStd === undefined) return { info: first, exact: true };
  } else if (t < times[times.length - 1] || d.footerStd === undefined) {
    let lo = 0;
    let hi = times.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (times[mid] <= t) lo = mid;
      else hi = mid - 1;
    }
    return { info: types[typeIdx[lo]], exact: true };
  }
  const dst = isdstAfter() && d.footerDst !== undefined;
  return { info: { gmtoff: 0, isdst: dst, abbr: (dst ? d.footerDst : d.footerStd) ?? '' }, exact: false };
}
