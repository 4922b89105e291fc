// Lua pattern matching (manual §6.4.1): a port of lstrlib.c's backtracking matcher working on
// char codes (strings hold one byte per char). Positions are 0-based indices into the subject;
// "no match" is -1 (the C code's NULL).
//
// Recursion: like the reference, `match` handles the single-item cases (literal/class with no
// suffix, %b, %f, back-references, '?'-fallthrough) with a loop (the C code's `goto init`) and
// recurses only for captures, '?', and each trial of '*' '+' '-'; the recursion depth is limited
// by `matchdepth` (MAXCCALLS = 200, "pattern too complex"), so the JS stack stays bounded
// whatever the subject length.

import { chargeMem, MEM_STRING } from '../runtime/memory.js';

export const MAXCAPTURES = 32;
export const CAP_UNFINISHED = -1;
export const CAP_POSITION = -2;
const MAXCCALLS = 200;

const L_ESC = 37; // '%'

// ---- character classes (C locale, bytes) -------------------------------------------------------

const C_ALPHA = 1, C_CNTRL = 2, C_DIGIT = 4, C_GRAPH = 8, C_LOWER = 16, C_PUNCT = 32,
  C_SPACE = 64, C_UPPER = 128, C_ALNUM = 256, C_XDIGIT = 512, C_ZERO = 1024;

/** ctype bits of each byte. */
const CTYPE = new Uint16Array(256);
/** For a class letter (both cases), its ctype bit; 0 for other chars. */
const CLASSBIT = new Uint16Array(256);
for (let c = 0; c < 256; c++) {
  let b = 0;
  const upper = c >= 65 && c <= 90;
  const lower = c >= 97 && c <= 122;
  const digit = c >= 48 && c <= 57;
  if (upper || lower) b |= C_ALPHA;
  if (c < 32 || c === 127) b |= C_CNTRL;
  if (digit) b |= C_DIGIT;
  if (c >= 33 && c <= 126) b |= C_GRAPH;
  if (lower) b |= C_LOWER;
  if (c >= 33 && c <= 126 && !upper && !lower && !digit) b |= C_PUNCT;
  if ((c >= 9 && c <= 13) || c === 32) b |= C_SPACE;
  if (upper) b |= C_UPPER;
  if (upper || lower || digit) b |= C_ALNUM;
  if (digit || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)) b |= C_XDIGIT;
  if (c === 0) b |= C_ZERO; // %z: the deprecated class of the NUL byte
  CTYPE[c] = b;
}
for (const [ch, bit] of [
  ['a', C_ALPHA], ['c', C_CNTRL], ['d', C_DIGIT], ['g', C_GRAPH], ['l', C_LOWER], ['p', C_PUNCT],
  ['s', C_SPACE], ['u', C_UPPER], ['w', C_ALNUM], ['x', C_XDIGIT], ['z', C_ZERO],
] as const) {
  CLASSBIT[ch.charCodeAt(0)] = bit;
  CLASSBIT[ch.toUpperCase().charCodeAt(0)] = bit;
}

export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
/** iscntrl in the C locale. */
export function isCntrl(c: number): boolean {
  return (CTYPE[c] & C_CNTRL) !== 0;
}
export function isAlpha(c: number): boolean {
  return c >= 0 && c < 256 && (CTYPE[c] & C_ALPHA) !== 0;
}

/** match_class: does byte c belong to the class %cl? (cl not a class letter: cl == c) */
function matchClass(c: number, cl: number): boolean {
  const bit = cl < 256 ? CLASSBIT[cl] : 0;
  if (bit === 0) return cl === c;
  const res = (CTYPE[c] & bit) !== 0;
  return cl <= 90 ? !res : res; // upper-case class letter: complement
}

// ---- the match state ----------------------------------------------------------------------------

// Set tables and the classEnd cache depend only on the pattern: keep them per pattern string so
// that repeated calls (string.find(s, "[^ ]", i) in a loop) build each set once and allocate
// nothing per call.
interface PatternInfo {
  /** The pattern's bytes, then two zeros (pc() past the end reads the C string's NUL). */
  readonly codes: Uint8Array;
  readonly ends: Int32Array;
  readonly sets: (Uint8Array | undefined)[];
  /** Calls that used the pattern, counted up to HOT_PATTERN. */
  uses: number;
  /** singleClassSet's answer once the pattern is hot (undefined: not computed yet). */
  single: Uint8Array | null | undefined;
}
/**
 * Uses after which a cached pattern gets set tables whatever the subject length (building one
 * costs 256 class tests, paid once per pattern string).
 */
const HOT_PATTERN = 16;
const patternCache = new Map<string, PatternInfo>();
function patternInfo(pat: string): PatternInfo {
  let info = patternCache.get(pat);
  if (info === undefined) {
    const codes = new Uint8Array(pat.length + 2);
    for (let i = 0; i < pat.length; i++) codes[i] = pat.charCodeAt(i);
    info = { codes, ends: new Int32Array(pat.length + 1), sets: [], uses: 0, single: undefined };
    if (pat.length <= 256) {
      if (patternCache.size >= 256) patternCache.clear();
      patternCache.set(pat, info);
    }
  }
  return info;
}

export class MatchState {
  /** The subject. */
  src = '';
  /** The pattern (whole string; patterns start at an offset when a '^' anchor was skipped). */
  pat = '';
  /** Pattern end (= pat.length). */
  pEnd = 0;
  level = 0;
  matchdepth = MAXCCALLS;
  // plain arrays, written in level order: a match state is made per call and typed arrays
  // cost far more to allocate
  readonly capInit: number[] = [];
  readonly capLen: number[] = [];
  /** Raises a Lua error with the message (luaL_error); set by the library. */
  error: (msg: string) => never;
  /** The pattern's bytes (PatternInfo.codes): the matcher reads these, not the string. */
  codes: Uint8Array = new Uint8Array(2);
  /** classEnd cache: ends[p] = classEnd(p) + 1 once computed (0 = not yet). */
  ends: Int32Array = new Int32Array(0);
  /** Membership tables of the sets '[...]' starting at p (built for long subjects). */
  sets: (Uint8Array | undefined)[] = [];
  /** Build set tables (worth it when the subject is long or the pattern is used often). */
  useSetTables = false;
  private info: PatternInfo | undefined = undefined;
  /**
   * Called every 1024 steps of matching (safe-point ticks: a match can run for a very long
   * time, and the host's instruction budget, deadline and interrupts must still apply).
   */
  onSteps: (() => void) | undefined = undefined;
  steps = 0;

  constructor(error?: (msg: string) => never) {
    this.error = error ?? ((msg: string): never => {
      throw new Error(msg);
    });
  }

  /** prepstate */
  prepare(src: string, pat: string): void {
    this.src = src;
    if (pat !== this.pat || this.ends.length !== pat.length + 1) {
      const info = patternInfo(pat);
      this.info = info;
      this.codes = info.codes;
      this.ends = info.ends;
      this.sets = info.sets;
    }
    this.pat = pat;
    this.pEnd = pat.length;
    const info = this.info!;
    if (info.uses < HOT_PATTERN) info.uses++;
    // (a pattern longer than the cache takes gets fresh tables per call: never hot)
    this.useSetTables = src.length >= 128 || (info.uses >= HOT_PATTERN && pat.length <= 256);
    this.matchdepth = MAXCCALLS;
    this.level = 0;
  }

  /** reprepstate (also restores the depth counter, which an error may have left decremented) */
  reset(): void {
    this.level = 0;
    this.matchdepth = MAXCCALLS;
  }
}

/** Pattern char at p, or 0 past the end (the C string's terminating NUL). */
function pc(ms: MatchState, p: number): number {
  return ms.codes[p]; // (0 at pEnd and pEnd + 1)
}

function checkCapture(ms: MatchState, l: number): number {
  l -= 49; // '1'
  if (l < 0 || l >= ms.level || ms.capLen[l] === CAP_UNFINISHED) {
    return ms.error(`invalid capture index %${l + 1}`);
  }
  return l;
}

function captureToClose(ms: MatchState): number {
  let level = ms.level;
  for (level--; level >= 0; level--) if (ms.capLen[level] === CAP_UNFINISHED) return level;
  return ms.error('invalid pattern capture');
}

/** classEnd: index just after the single-char class starting at p (cached). */
function classEnd(ms: MatchState, p: number): number {
  const cached = ms.ends[p];
  if (cached !== 0) return cached - 1;
  const ep = classEndScan(ms, p);
  ms.ends[p] = ep + 1;
  return ep;
}

function classEndScan(ms: MatchState, p: number): number {
  const pat = ms.pat;
  const c = pat.charCodeAt(p++);
  if (c === L_ESC) {
    if (p >= ms.pEnd) ms.error("malformed pattern (ends with '%')");
    return p + 1;
  }
  if (c === 91) { // '['
    if (pc(ms, p) === 94) p++; // '^'
    do { // look for a ']'
      if (p >= ms.pEnd) ms.error("malformed pattern (missing ']')");
      const cc = pat.charCodeAt(p++);
      if (cc === L_ESC && p < ms.pEnd) p++; // skip escapes (e.g. '%]')
    } while (pc(ms, p) !== 93);
    return p + 1;
  }
  return p;
}

/** matchbracketclass: p at '[', ec at the closing ']'. */
function matchBracketClass(ms: MatchState, c: number, p: number, ec: number): boolean {
  const pat = ms.codes;
  let sig = true;
  if (pat[p + 1] === 94) { // '^'
    sig = false;
    p++;
  }
  while (++p < ec) {
    const pch = pat[p];
    if (pch === L_ESC) {
      p++;
      if (matchClass(c, pat[p])) return sig;
    } else if (pat[p + 1] === 45 && p + 2 < ec) { // range 'x-y'
      p += 2;
      if (pch <= c && c <= pat[p]) return sig;
    } else if (pch === c) return sig;
  }
  return !sig;
}

export function singleMatch(ms: MatchState, s: number, p: number, ep: number): boolean {
  if (s >= ms.src.length) return false;
  const c = ms.src.charCodeAt(s);
  const pch = ms.codes[p];
  switch (pch) {
    case 46: return true; // '.'
    case L_ESC: return matchClass(c, ms.codes[p + 1]);
    case 91: {
      if (ms.useSetTables) {
        let set = ms.sets[p];
        if (set === undefined) set = buildSet(ms, p, ep);
        return set[c] === 1;
      }
      return matchBracketClass(ms, c, p, ep - 1);
    }
    default: return pch === c;
  }
}

/**
 * The membership table of the single-char class at p (ending at ep) for every byte, cached
 * per pattern like the set tables (sets[p] is the same table when p is a '['). For skipping
 * start positions (callers check useSetTables).
 */
export function classTable(ms: MatchState, p: number, ep: number): Uint8Array {
  const cached = ms.sets[p];
  if (cached !== undefined) return cached;
  const pch = ms.pat.charCodeAt(p);
  if (pch === 91) return buildSet(ms, p, ep);
  const set = new Uint8Array(256);
  const cl = ms.pat.charCodeAt(p + 1);
  for (let c = 0; c < 256; c++) set[c] = (pch === 46 || (pch === L_ESC ? matchClass(c, cl) : c === pch)) ? 1 : 0;
  ms.sets[p] = set;
  return set;
}

function buildSet(ms: MatchState, p: number, ep: number): Uint8Array {
  const set = new Uint8Array(256);
  for (let c = 0; c < 256; c++) set[c] = matchBracketClass(ms, c, p, ep - 1) ? 1 : 0;
  ms.sets[p] = set;
  return set;
}

function matchBalance(ms: MatchState, s: number, p: number): number {
  if (p >= ms.pEnd - 1) ms.error("malformed pattern (missing arguments to '%b')");
  const src = ms.src;
  const len = src.length;
  if (s >= len || src.charCodeAt(s) !== ms.pat.charCodeAt(p)) return -1;
  const b = ms.pat.charCodeAt(p);
  const e = ms.pat.charCodeAt(p + 1);
  let cont = 1;
  while (++s < len) {
    const c = src.charCodeAt(s);
    if (c === e) {
      if (--cont === 0) return s + 1;
    } else if (c === b) cont++;
  }
  return -1; // string ends out of balance
}

function maxExpand(ms: MatchState, s: number, p: number, ep: number): number {
  let i = 0; // counts maximum expand for item
  const src = ms.src;
  const len = src.length;
  const pch = ms.codes[p];
  // fast paths for the common items
  if (pch === 46) i = len - s; // '.'
  else if (pch === L_ESC) { // %a, %d, %S, ... or an escaped char: as matchClass, one loop each
    const cl = ms.codes[p + 1];
    const bit = cl < 256 ? CLASSBIT[cl] : 0;
    let k = s;
    if (bit === 0) while (k < len && src.charCodeAt(k) === cl) k++;
    else if (cl <= 90) while (k < len && (CTYPE[src.charCodeAt(k)] & bit) === 0) k++; // complement
    else while (k < len && (CTYPE[src.charCodeAt(k)] & bit) !== 0) k++;
    i = k - s;
  } else if (pch !== 91) {
    while (s + i < len && src.charCodeAt(s + i) === pch) i++;
  } else if (ms.useSetTables) {
    let set = ms.sets[p];
    if (set === undefined) set = buildSet(ms, p, ep);
    let k = s;
    while (k < len && set[src.charCodeAt(k)] === 1) k++;
    i = k - s;
  } else {
    while (singleMatch(ms, s + i, p, ep)) i++;
  }
  // keeps trying to match with the maximum repetitions
  while (i >= 0) {
    const res = match(ms, s + i, ep + 1);
    if (res !== -1) return res;
    i--; // else didn't match; reduce 1 repetition to try again
  }
  return -1;
}

function minExpand(ms: MatchState, s: number, p: number, ep: number): number {
  for (;;) {
    const res = match(ms, s, ep + 1);
    if (res !== -1) return res;
    if (singleMatch(ms, s, p, ep)) s++; // try with one more repetition
    else return -1;
  }
}

function startCapture(ms: MatchState, s: number, p: number, what: number): number {
  const level = ms.level;
  if (level >= MAXCAPTURES) ms.error('too many captures');
  ms.capInit[level] = s;
  ms.capLen[level] = what;
  ms.level = level + 1;
  const res = match(ms, s, p);
  if (res === -1) ms.level--; // undo capture
  return res;
}

function endCapture(ms: MatchState, s: number, p: number): number {
  const l = captureToClose(ms);
  ms.capLen[l] = s - ms.capInit[l]; // close capture
  const res = match(ms, s, p);
  if (res === -1) ms.capLen[l] = CAP_UNFINISHED; // undo capture
  return res;
}

function matchCapture(ms: MatchState, s: number, l: number): number {
  l = checkCapture(ms, l);
  const len = ms.capLen[l];
  const src = ms.src;
  if (len < 0) return -1; // a position capture: (size_t)len is huge, never fits
  if (src.length - s >= len) {
    const init = ms.capInit[l];
    for (let k = 0; k < len; k++) if (src.charCodeAt(init + k) !== src.charCodeAt(s + k)) return -1;
    return s + len;
  }
  return -1;
}

/**
 * Match the pattern from index p against the subject from index s; returns the end of the match
 * or -1.
 */
export function match(ms: MatchState, s: number, p: number): number {
  if (ms.matchdepth-- === 0) ms.error('pattern too complex');
  if ((++ms.steps & 1023) === 0 && ms.onSteps !== undefined) ms.onSteps();
  const pat = ms.codes;
  const pEnd = ms.pEnd;
  init: for (;;) { // the C code's "goto init" (tail calls)
    if (p === pEnd) break; // end of pattern
    const pch = pat[p];
    let dflt = false;
    switch (pch) {
      case 40: // '(' start capture
        if (pc(ms, p + 1) === 41) s = startCapture(ms, s, p + 2, CAP_POSITION); // position capture
        else s = startCapture(ms, s, p + 1, CAP_UNFINISHED);
        break;
      case 41: // ')' end capture
        s = endCapture(ms, s, p + 1);
        break;
      case 36: // '$'
        if (p + 1 !== pEnd) { // is the '$' the last char in pattern?
          dflt = true; // no; go to default
          break;
        }
        s = s === ms.src.length ? s : -1; // check end of string
        break;
      case L_ESC: { // escaped sequences not in the format class[*+?-]?
        const nc = pc(ms, p + 1);
        if (nc === 98) { // 'b' balanced string?
          s = matchBalance(ms, s, p + 2);
          if (s !== -1) {
            p += 4;
            continue init; // return match(ms, s, p + 4)
          }
          break; // else fail
        }
        if (nc === 102) { // 'f' frontier?
          p += 2;
          if (pc(ms, p) !== 91) ms.error("missing '[' after '%f' in pattern");
          const ep = classEnd(ms, p); // points to what is next
          const previous = s === 0 ? 0 : ms.src.charCodeAt(s - 1);
          const current = s < ms.src.length ? ms.src.charCodeAt(s) : 0;
          if (!matchBracketClass(ms, previous, p, ep - 1) && matchBracketClass(ms, current, p, ep - 1)) {
            p = ep;
            continue init; // return match(ms, s, ep)
          }
          s = -1; // match failed
          break;
        }
        if (nc >= 48 && nc <= 57) { // capture results (%0-%9)?
          s = matchCapture(ms, s, nc);
          if (s !== -1) {
            p += 2;
            continue init; // return match(ms, s, p + 2)
          }
          break;
        }
        dflt = true;
        break;
      }
      default:
        if (pch !== 46 && pch !== 91) { // a plain char ('%' was handled above)
          const epc = pc(ms, p + 1);
          if (epc !== 42 && epc !== 43 && epc !== 45 && epc !== 63) { // with no suffix
            if (s < ms.src.length && ms.src.charCodeAt(s) === pch) {
              s++;
              p++;
              continue init; // return match(ms, s + 1, p + 1)
            }
            s = -1;
            break;
          }
        }
        dflt = true;
    }
    if (dflt) { // pattern class plus optional suffix
      const ep = classEnd(ms, p); // points to optional suffix
      const epc = pc(ms, ep);
      if (!singleMatch(ms, s, p, ep)) { // does not match at least once?
        if (epc === 42 || epc === 63 || epc === 45) { // '*' '?' '-': accept empty?
          p = ep + 1;
          continue init; // return match(ms, s, ep + 1)
        }
        s = -1; // '+' or no suffix: fail
      } else { // matched once
        switch (epc) { // handle optional suffix
          case 63: { // '?' optional
            const res = match(ms, s + 1, ep + 1);
            if (res !== -1) s = res;
            else {
              p = ep + 1;
              continue init; // else return match(ms, s, ep + 1)
            }
            break;
          }
          case 43: // '+' 1 or more repetitions
            s = maxExpand(ms, s + 1, p, ep); // 1 match already done
            break;
          case 42: // '*' 0 or more repetitions
            s = maxExpand(ms, s, p, ep);
            break;
          case 45: // '-' 0 or more repetitions (minimum)
            s = minExpand(ms, s, p, ep);
            break;
          default: // no suffix
            s++;
            p = ep;
            continue init; // return match(ms, s + 1, ep)
        }
      }
    }
    break;
  }
  ms.matchdepth++;
  return s;
}

// ---- helpers for the library functions ----------------------------------------------------------

/**
 * If the whole pattern is one single-char class without a quantifier ('[^ \t\r\n]', '%d',
 * '["\\]', '.', 'x'), its membership table for every byte: a match is then exactly one byte
 * in the set, and string.find/match reduce to a scan for the first such byte. null otherwise,
 * and for a pattern not yet used HOT_PATTERN times by the general matcher (which raised any
 * error the pattern has, and on first uses is cheaper than building a table).
 */
export function singleClassSet(pat: string): Uint8Array | null {
  const info = patternCache.get(pat);
  if (info === undefined || info.uses < HOT_PATTERN) return null;
  if (info.single === undefined) info.single = buildSingleClassSet(pat, info.codes);
  return info.single;
}

/** The index of the first byte of s at or after i that is in set (s.length if none). */
export function scanSet(set: Uint8Array, s: string, i: number): number {
  const n = s.length;
  while (i < n && set[s.charCodeAt(i)] === 0) i++;
  return i;
}

/** A match state used only to build tables with matchBracketClass (it reads ms.codes). */
const setBuilder = new MatchState();

function buildSingleClassSet(pat: string, codes: Uint8Array): Uint8Array | null {
  const n = pat.length;
  const c0 = codes[0];
  let member: (c: number) => boolean;
  if (c0 === L_ESC) {
    const cl = codes[1];
    // ('%b', '%f' and back-references '%0'-'%9' are not classes)
    if (n !== 2 || cl === 98 || cl === 102 || (cl >= 48 && cl <= 57)) return null;
    member = (c) => matchClass(c, cl);
  } else if (c0 === 91) { // '[': find its ']' as classEnd does, which must end the pattern
    let p = 1;
    if (codes[p] === 94) p++; // '^'
    do {
      if (p >= n) return null;
      if (codes[p++] === L_ESC && p < n) p++;
    } while (codes[p] !== 93);
    if (p + 1 !== n) return null;
    setBuilder.codes = codes;
    member = (c) => matchBracketClass(setBuilder, c, 0, p);
  } else {
    // ('^' and '$' are anchors, '(' and ')' captures)
    if (n !== 1 || c0 === 94 || c0 === 36 || c0 === 40 || c0 === 41) return null;
    member = (c) => c0 === 46 || c === c0; // '.' or a literal
  }
  const set = new Uint8Array(256);
  for (let c = 0; c < 256; c++) set[c] = member(c) ? 1 : 0;
  return set;
}

const SPECIALS = new Uint8Array(256);
for (const ch of '^$*+?.([%-') SPECIALS[ch.charCodeAt(0)] = 1;

/** nospecials: the pattern has none of the special characters "^$*+?.([%-". */
export function noSpecials(p: string): boolean {
  for (let i = 0; i < p.length; i++) if (SPECIALS[p.charCodeAt(i)] === 1) return false;
  return true;
}

/**
 * The pattern index after the capture openings '(' and position captures '()' at p (at most
 * 8 of them): they consume nothing, so a match from p must start with what follows them, and
 * firstLiteral/firstClassEnd can look there. (A few only: 32 openings raise "too many
 * captures" at the first position tried, which a skip must not avoid.)
 */
export function skipCaptureOpens(ms: MatchState, p: number): number {
  for (let k = 0; k < 8 && p < ms.pEnd && ms.pat.charCodeAt(p) === 40; k++) {
    p += pc(ms, p + 1) === 41 ? 2 : 1;
  }
  return p;
}

/**
 * If every match of the pattern (from index p) must start with one specific byte, that byte;
 * else -1. Used to skip impossible start positions with indexOf (an optimisation: the result is
 * the same as trying each position).
 */
export function firstLiteral(ms: MatchState, p: number): number {
  if (p >= ms.pEnd) return -1;
  const c = ms.pat.charCodeAt(p);
  if ((SPECIALS[c] === 1 && c !== 36 /* '$' */) || c === 41 /* ')' */) return -1;
  if (c === 36 && p + 1 === ms.pEnd) return -1; // anchor '$'
  const next = pc(ms, p + 1);
  if (next === 42 || next === 63 || next === 45) return -1; // '*' '?' '-' accept empty
  return c;
}

/**
 * If the pattern at p starts with a single-char class ('[set]', '%a', a literal) that must match
 * at least once (no '*', '?', '-' after it), the index just after the class; else -1. A match can
 * only start where singleMatch(ms, s, p, result) holds, so callers skip the other positions (the
 * result is the same as trying each one). Call it only after one match() from p has run: that
 * one raised any error the class has ("malformed pattern").
 */
export function firstClassEnd(ms: MatchState, p: number): number {
  if (p >= ms.pEnd) return -1;
  const c = ms.pat.charCodeAt(p);
  if (c === 40 || c === 41 || c === 46) return -1; // '(' ')' '.'
  if (c === 36 && p + 1 === ms.pEnd) return -1; // anchor '$'
  if (c === L_ESC) {
    const nc = pc(ms, p + 1);
    if (nc === 98 || nc === 102 || (nc >= 48 && nc <= 57)) return -1; // %b %f %0-%9
  }
  const ep = classEnd(ms, p);
  const epc = pc(ms, ep);
  if (epc === 42 || epc === 63 || epc === 45) return -1; // '*' '?' '-' accept empty
  return ep;
}

/**
 * Capture i of a successful match [s, e) as a Lua value (string or position), as
 * get_onecapture: with no captures, capture 0 is the whole match.
 */
export function getCapture(ms: MatchState, i: number, s: number, e: number): string | number {
  if (i >= ms.level) {
    if (i !== 0) ms.error(`invalid capture index %${i + 1}`);
    return ms.src.slice(s, e);
  }
  const capl = ms.capLen[i];
  const init = ms.capInit[i];
  if (capl === CAP_UNFINISHED) ms.error('unfinished capture');
  if (capl === CAP_POSITION) return init + 1;
  return ms.src.slice(init, init + capl);
}

/** Number of values push_captures produces (wholeMatch: the whole match counts when there are no captures). */
export function captureCount(ms: MatchState, wholeMatch: boolean): number {
  return ms.level === 0 && wholeMatch ? 1 : ms.level;
}

/**
 * Find the first match of `pat` in `src` starting at index init (JS-level convenience used by
 * tests and by other libraries): returns [start, end, ...captures] or undefined. Errors throw
 * through ms.error.
 */
export function find(src: string, pat: string, init = 0, ms: MatchState = new MatchState()): [number, number, ...(string | number)[]] | undefined {
  let p = 0;
  const anchor = pat.charCodeAt(0) === 94;
  ms.prepare(src, pat);
  if (anchor) p = 1;
  let s1 = init;
  const lit = anchor ? -1 : firstLiteral(ms, p);
  do {
    if (lit >= 0) {
      s1 = src.indexOf(String.fromCharCode(lit), s1);
      if (s1 < 0) return undefined;
    }
    ms.reset();
    const e = match(ms, s1, p);
    if (e !== -1) {
      const caps: (string | number)[] = [];
      for (let i = 0; i < ms.level; i++) caps.push(getCapture(ms, i, s1, e));
      return [s1, e, ...caps];
    }
  } while (s1++ < src.length && !anchor);
  return undefined;
}

// ---- building byte strings ----------------------------------------------------------------------

const CHUNK = 8192;

/** Node's Buffer when present: its latin1 decoding is a native byte -> char copy. */
interface Latin1Decoder {
  from(buf: ArrayBufferLike, offset: number, length: number): { toString(encoding: 'latin1'): string };
}
const NodeBuffer = (globalThis as { Buffer?: Latin1Decoder }).Buffer;

/** A string from bytes[from..to) (chunked: fromCharCode.apply has an argument limit). */
export function bytesToString(bytes: Uint8Array, from: number, to: number): string {
  if (NodeBuffer !== undefined && to - from > 64) {
    return NodeBuffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
  }
  if (to - from <= CHUNK) return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
  const parts: string[] = [];
  for (let i = from; i < to; i += CHUNK) {
    parts.push(String.fromCharCode.apply(null, bytes.subarray(i, Math.min(to, i + CHUNK)) as unknown as number[]));
  }
  return parts.join('');
}

/**
 * Accumulates a result string from many small pieces (luaL_Buffer). A short result is built
 * as a JS string (`+=`: cheapest for a few pieces, as in escaping a short string). Past
 * SHORT_RESULT bytes, short pieces are copied into a byte buffer and long ones kept as string
 * slices, everything joined once at the end: this keeps gsub linear and avoids one JS string
 * object per piece over long subjects.
 */
const SHORT_RESULT = 256;
let spareBuffer: Uint8Array | undefined;
const NO_BUFFER = new Uint8Array(0);
function takeBuffer(): Uint8Array {
  const b = spareBuffer ?? new Uint8Array(CHUNK);
  spareBuffer = undefined;
  return b;
}

export class StrBuilder {
  private parts: string[] = [];
  // the byte buffer is borrowed from `spareBuffer` and given back by toString: gsub and
  // string.rep build one per call, and allocating 8 KB each time dominated short calls
  private buf: Uint8Array = NO_BUFFER;
  private n = 0;
  /** The result so far while it is short (and nothing is in parts or buf). */
  private cur = '';
  /** Total length so far. */
  length = 0;

  /** Flush the buffer, reacquiring one if toString gave it back. */
  private grow(): void {
    this.flush();
    if (this.buf === NO_BUFFER) this.buf = takeBuffer();
  }

  private flush(): void {
    if (this.cur.length > 0) {
      chargeMem(MEM_STRING + this.cur.length); // memory accounting (runtime/memory.ts)
      this.parts.push(this.cur);
      this.cur = '';
    }
    if (this.n > 0) {
      chargeMem(MEM_STRING + this.n); // memory accounting (runtime/memory.ts)
      this.parts.push(bytesToString(this.buf, 0, this.n));
      this.n = 0;
    }
  }

  /** Add s[from..to). */
  addSlice(s: string, from: number, to: number): void {
    const k = to - from;
    if (k <= 0) return;
    const total = this.length + k;
    this.length = total;
    if (total <= SHORT_RESULT) {
      this.cur += from === 0 && to === s.length ? s : s.slice(from, to);
      return;
    }
    if (k > 256) {
      this.flush();
      chargeMem(MEM_STRING + k);
      this.parts.push(from === 0 && to === s.length ? s : s.slice(from, to));
      return;
    }
    if (this.n + k > this.buf.length) this.grow();
    const buf = this.buf;
    let n = this.n;
    for (let i = from; i < to; i++) buf[n++] = s.charCodeAt(i);
    this.n = n;
  }

  add(s: string): void {
    this.addSlice(s, 0, s.length);
  }

  addByte(c: number): void {
    if (this.length < SHORT_RESULT) {
      this.cur += String.fromCharCode(c);
      this.length++;
      return;
    }
    if (this.n >= this.buf.length) this.grow();
    this.buf[this.n++] = c;
    this.length++;
  }

  toString(): string {
    if (this.length <= SHORT_RESULT) {
      const cur = this.cur;
      if (cur.length > 0) chargeMem(MEM_STRING + cur.length); // memory accounting
      return cur;
    }
    this.flush();
    if (this.buf !== NO_BUFFER) {
      spareBuffer = this.buf;
      this.buf = NO_BUFFER;
    }
    const parts = this.parts;
    return parts.length === 1 ? parts[0] : parts.join('');
  }
}
