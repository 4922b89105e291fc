// The Lua 5.4 lexer (the reference's llex.c): a byte string in, one token at a time out, with one
// token of lookahead.
//
// The state mirrors llex.c because error messages and line numbers depend on it:
//   - `linenumber` is the line where scanning stopped, i.e. the line at the END of the current
//     token, or of the lookahead token once `lookahead()` has read it (ls->linenumber);
//   - `lastline` is the line of the last token consumed by `next()` (ls->lastline);
//   - "near" texts show the last token SCANNED, as the reference shows its token buffer: names and
//     numerals as written, strings with their delimiters and escapes already decoded.
// Newlines are "\n", "\r", "\n\r" or "\r\n", each counting as one line.

import { LuaException } from '../runtime/error.js';
import { chunkId } from '../runtime/chunkid.js';
import { stringToNumber } from '../runtime/numparse.js';
import type { LuaValue } from '../runtime/value.js';

/**
 * Token codes. A single-char token is its char code (0..255); the others follow, in the
 * reference's order.
 */
export const enum T {
  FIRST_RESERVED = 256,
  AND = 256, BREAK, DO, ELSE, ELSEIF, END, FALSE, FOR, FUNCTION, GOTO, IF, IN, LOCAL, NIL, NOT,
  OR, REPEAT, RETURN, THEN, TRUE, UNTIL, WHILE,
  // multi-char symbols
  IDIV, CONCAT, DOTS, EQ, GE, LE, NE, SHL, SHR, DBCOLON,
  EOS,
  // tokens with a semantic value
  NUMBER, NAME, STRING,
}

/** Texts of the tokens from T.FIRST_RESERVED on, in order (luaX_tokens). */
const TOKEN_TEXTS = [
  'and', 'break', 'do', 'else', 'elseif', 'end', 'false', 'for', 'function', 'goto', 'if', 'in',
  'local', 'nil', 'not', 'or', 'repeat', 'return', 'then', 'true', 'until', 'while',
  '//', '..', '...', '==', '>=', '<=', '~=', '<<', '>>', '::',
  '<eof>', '<number>', '<name>', '<string>',
];

const RESERVED = new Map<string, number>();
for (let i = 0; i <= T.WHILE - T.FIRST_RESERVED; i++) RESERVED.set(TOKEN_TEXTS[i], T.FIRST_RESERVED + i);

/**
 * A token as the reference names it in messages (luaX_token2str): symbols and reserved words
 * quoted ("'end'", "'('", "'<\1>'" for unprintable chars), the others bare ("<eof>", "<name>").
 */
export function tokenToString(token: number): string {
  if (token < T.FIRST_RESERVED) {
    return token >= 32 && token < 127 ? `'${String.fromCharCode(token)}'` : `'<\\${token}>'`;
  }
  const text = TOKEN_TEXTS[token - T.FIRST_RESERVED];
  return token < T.EOS ? `'${text}'` : text;
}

// Character classes of the C locale, as lctype.c (bytes >= 128 are in no class).
const C_ALPHA = 1; // letters and '_'
const C_DIGIT = 2;
const C_XDIGIT = 4;
const C_SPACE = 8;
const CTYPE = new Uint8Array(65536); // indexed by char code: chars > 255 (not bytes) are in no class
for (let c = 0; c < 128; c++) {
  let f = 0;
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) f |= C_ALPHA;
  if (c >= 48 && c <= 57) f |= C_DIGIT | C_XDIGIT;
  if ((c >= 97 && c <= 102) || (c >= 65 && c <= 70)) f |= C_XDIGIT;
  if (c === 32 || (c >= 9 && c <= 13)) f |= C_SPACE;
  CTYPE[c] = f;
}

const CH_NL = 10;
const CH_CR = 13;
const CH_QUOTE = 39;
const CH_DQUOTE = 34;
const CH_BACKSLASH = 92;
const CH_LBRACKET = 91;
const CH_RBRACKET = 93;
const CH_EQ = 61;
const CH_DOT = 46;

function hexDigitValue(c: number): number {
  return c <= 57 ? c - 48 : (c | 32) - 87;
}

/** Cut at the first '\0': the reference formats its token buffer with "%s". */
function cString(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/** How the last scanned token shows in "near ..." when it is a name, string or numeral. */
const enum Shown { NAME, NUMERAL, SHORT_STRING, LONG_STRING }

/** Line limit of the reference (MAX_INT). */
const MAX_LINES = 2147483647;

export class Lexer {
  /** Current token. */
  token: number = T.EOS;
  /** Semantic value of the current token: the name or the string's bytes. */
  sval = '';
  /** Semantic value of the current numeral (converted with the value representation). */
  nval: LuaValue = undefined;
  /** Line where scanning stopped (see the header). */
  linenumber = 1;
  /** Line of the last token consumed. */
  lastline = 1;

  private readonly src: string;
  /** Index of the next char to scan (the reference's `current` is src[pos]). */
  private pos = 0;
  private aheadToken = -1; // -1: no lookahead token
  private aheadSval = '';
  private aheadNval: LuaValue = undefined;

  // The reference's token buffer, kept as a description of the last scanned token.
  private shown = Shown.NAME;
  private shownStart = 0;
  private shownEnd = 0;
  private shownValue = '';
  private shownDelimiter = 0; // quote char, or level of a long string

  constructor(source: string, readonly chunkname: string) {
    this.src = source;
  }

  // ---- the parser's interface ---------------------------------------------------------------

  /** luaX_next: advance to the next token. */
  next(): void {
    this.lastline = this.linenumber;
    if (this.aheadToken >= 0) {
      this.token = this.aheadToken;
      this.sval = this.aheadSval;
      this.nval = this.aheadNval;
      this.aheadToken = -1;
    } else {
      this.token = this.scan();
    }
  }

  /** luaX_lookahead: scan the token after the current one (advances `linenumber`). */
  lookahead(): number {
    const token = this.token, sval = this.sval, nval = this.nval;
    this.aheadToken = this.scan();
    this.aheadSval = this.sval;
    this.aheadNval = this.nval;
    this.token = token;
    this.sval = sval;
    this.nval = nval;
    return this.aheadToken;
  }

  /** luaX_syntaxerror: "chunk:line: msg near <current token>". */
  syntaxError(msg: string): never {
    return this.error(msg, this.token);
  }

  /** luaK_semerror: "chunk:line: msg", without a "near" part. */
  semanticError(msg: string): never {
    return this.error(msg, 0);
  }

  /**
   * lexerror: the message with the position, then " near " and the token, except for token 0
   * (the NUL char, which the reference cannot tell from "no token").
   */
  private error(msg: string, token: number): never {
    let text = `${chunkId(this.chunkname)}:${this.linenumber}: ${msg}`;
    if (token !== 0) text += ` near ${this.tokenText(token)}`;
    throw new LuaException(text);
  }

  /** txtToken: names, strings and numerals as scanned, quoted; other tokens by their name. */
  private tokenText(token: number): string {
    if (token !== T.NAME && token !== T.STRING && token !== T.NUMBER) return tokenToString(token);
    let text: string;
    switch (this.shown) {
      case Shown.NAME: text = this.shownValue; break;
      case Shown.NUMERAL: text = this.src.slice(this.shownStart, this.shownEnd); break;
      case Shown.SHORT_STRING: {
        const q = String.fromCharCode(this.shownDelimiter);
        text = q + this.shownValue + q;
        break;
      }
      default: {
        const eqs = '='.repeat(this.shownDelimiter);
        text = `[${eqs}[${this.shownValue}]${eqs}]`;
      }
    }
    return `'${cString(text)}'`;
  }

  /** A lexical error showing `near` (already quoted) or <eof> when null. */
  private lexError(msg: string, near: string | null): never {
    const text = `${chunkId(this.chunkname)}:${this.linenumber}: ${msg} near ${near === null ? '<eof>' : `'${cString(near)}'`}`;
    throw new LuaException(text);
  }

  // ---- scanning -----------------------------------------------------------------------------

  /** inclinenumber: skip one newline sequence at pos ("\n", "\r", "\n\r" or "\r\n"). */
  private newline(): void {
    const src = this.src;
    const old = src.charCodeAt(this.pos++);
    const c = src.charCodeAt(this.pos);
    if ((c === CH_NL || c === CH_CR) && c !== old) this.pos++;
    if (++this.linenumber >= MAX_LINES) this.error('chunk has too many lines', 0);
  }

  /** llex: scan one token, setting sval/nval. */
  private scan(): number {
    const src = this.src;
    const len = src.length;
    for (;;) {
      if (this.pos >= len) return T.EOS;
      const c = src.charCodeAt(this.pos);
      switch (c) {
        case CH_NL: case CH_CR:
          this.newline();
          break;
        case 32: case 12: case 9: case 11: // ' ' '\f' '\t' '\v'
          this.pos++;
          break;
        case 45: { // '-' or a comment
          if (src.charCodeAt(this.pos + 1) !== 45) { this.pos++; return 45; }
          this.pos += 2;
          if (src.charCodeAt(this.pos) === CH_LBRACKET) {
            const level = this.longBracketLevel();
            if (level >= 0) {
              this.readLongString(level, false);
              break;
            }
            // not a long bracket: the '[' and '='s read so far are part of a short comment
          }
          let p = this.pos;
          while (p < len) {
            const d = src.charCodeAt(p);
            if (d === CH_NL || d === CH_CR) break;
            p++;
          }
          this.pos = p;
          break;
        }
        case CH_LBRACKET: {
          const open = this.pos;
          const level = this.longBracketLevel();
          if (level >= 0) {
            this.sval = this.readLongString(level, true);
            this.shown = Shown.LONG_STRING;
            this.shownValue = this.sval;
            this.shownDelimiter = level;
            return T.STRING;
          }
          if (level === -2) return this.lexError('invalid long string delimiter', src.slice(open, this.pos));
          return CH_LBRACKET;
        }
        case CH_EQ: return this.twoCharToken(CH_EQ, T.EQ);
        case 60: // '<'
          this.pos++;
          if (src.charCodeAt(this.pos) === CH_EQ) { this.pos++; return T.LE; }
          if (src.charCodeAt(this.pos) === 60) { this.pos++; return T.SHL; }
          return 60;
        case 62: // '>'
          this.pos++;
          if (src.charCodeAt(this.pos) === CH_EQ) { this.pos++; return T.GE; }
          if (src.charCodeAt(this.pos) === 62) { this.pos++; return T.SHR; }
          return 62;
        case 47: return this.twoCharToken(47, T.IDIV); // '/'
        case 126: return this.twoCharToken(CH_EQ, T.NE); // '~'
        case 58: return this.twoCharToken(58, T.DBCOLON); // ':'
        case CH_DQUOTE: case CH_QUOTE:
          return this.readString(c);
        case CH_DOT: {
          const d = src.charCodeAt(this.pos + 1);
          if (d === CH_DOT) {
            if (src.charCodeAt(this.pos + 2) === CH_DOT) { this.pos += 3; return T.DOTS; }
            this.pos += 2;
            return T.CONCAT;
          }
          if ((CTYPE[d] & C_DIGIT) === 0) { this.pos++; return CH_DOT; } // (NaN indexes to undefined)
          return this.readNumeral(this.pos, this.pos + 1);
        }
        default: {
          if (CTYPE[c] & C_DIGIT) return this.readNumeral(this.pos, this.pos);
          if (CTYPE[c] & C_ALPHA) {
            const start = this.pos;
            let p = start + 1;
            while (p < len && (CTYPE[src.charCodeAt(p)] & (C_ALPHA | C_DIGIT)) !== 0) p++;
            this.pos = p;
            const word = src.slice(start, p);
            this.shown = Shown.NAME;
            this.shownValue = word;
            const reserved = RESERVED.get(word);
            if (reserved !== undefined) return reserved;
            this.sval = word;
            return T.NAME;
          }
          this.pos++;
          return c; // any other char is a single-char token, even '@' or '\0'
        }
      }
    }
  }

  /** `c` then optionally `second`: the two-char token, else the single char. */
  private twoCharToken(second: number, token: number): number {
    const c = this.src.charCodeAt(this.pos);
    this.pos++;
    if (this.src.charCodeAt(this.pos) === second) { this.pos++; return token; }
    return c;
  }

  /**
   * skip_sep at a '[': consumes '[' and any '='s. Returns the level of a long bracket "[==["
   * (leaving pos on its second '['), -1 for a lone '[' and -2 for "[=" without a second '['.
   */
  private longBracketLevel(): number {
    const src = this.src;
    let p = this.pos + 1;
    while (src.charCodeAt(p) === CH_EQ) p++;
    const level = p - this.pos - 1;
    this.pos = p;
    if (src.charCodeAt(p) === CH_LBRACKET) return level;
    return level === 0 ? -1 : -2;
  }

  /**
   * read_long_string, with pos on the second '[' of the opening bracket. Returns the contents
   * (first newline dropped, newline sequences as "\n"); for a comment returns ''.
   */
  private readLongString(level: number, isString: boolean): string {
    const src = this.src;
    const len = src.length;
    const startLine = this.linenumber;
    this.pos++; // second '['
    let c = src.charCodeAt(this.pos);
    if (c === CH_NL || c === CH_CR) this.newline();
    const parts: string[] = [];
    let segment = this.pos;
    for (;;) {
      if (this.pos >= len) {
        const what = isString ? 'string' : 'comment';
        return this.lexError(`unfinished long ${what} (starting at line ${startLine})`, null);
      }
      c = src.charCodeAt(this.pos);
      if (c === CH_RBRACKET) {
        const close = this.pos;
        let p = close + 1;
        while (src.charCodeAt(p) === CH_EQ) p++;
        if (p - close - 1 === level && src.charCodeAt(p) === CH_RBRACKET) {
          this.pos = p + 1;
          if (!isString) return '';
          parts.push(src.slice(segment, close));
          return parts.length === 1 ? parts[0] : parts.join('');
        }
        this.pos = p; // the '='s cannot close anything; a ']' at p is examined again
      } else if (c === CH_NL || c === CH_CR) {
        if (isString) parts.push(src.slice(segment, this.pos), '\n');
        this.newline();
        segment = this.pos;
      } else {
        this.pos++;
      }
    }
  }

  /** read_string: a short string delimited by `quote`, pos on the opening quote. */
  private readString(quote: number): number {
    const src = this.src;
    const len = src.length;
    this.pos++;
    let decoded = ''; // contents decoded so far, up to `segment`
    let segment = this.pos; // start of the run of plain chars not yet added to `decoded`
    for (;;) {
      if (this.pos >= len) return this.lexError('unfinished string', null);
      const c = src.charCodeAt(this.pos);
      if (c === quote) break;
      if (c === CH_NL || c === CH_CR) {
        decoded += src.slice(segment, this.pos);
        return this.lexError('unfinished string', String.fromCharCode(quote) + decoded);
      }
      if (c !== CH_BACKSLASH) {
        this.pos++;
        continue;
      }
      decoded += src.slice(segment, this.pos);
      const escape = ++this.pos; // index after the backslash
      const e = src.charCodeAt(escape);
      switch (e) {
        case 97: decoded += '\x07'; this.pos++; break; // \a
        case 98: decoded += '\b'; this.pos++; break;
        case 102: decoded += '\f'; this.pos++; break;
        case 110: decoded += '\n'; this.pos++; break;
        case 114: decoded += '\r'; this.pos++; break;
        case 116: decoded += '\t'; this.pos++; break;
        case 118: decoded += '\v'; this.pos++; break;
        case CH_BACKSLASH: case CH_DQUOTE: case CH_QUOTE:
          decoded += String.fromCharCode(e);
          this.pos++;
          break;
        case CH_NL: case CH_CR:
          this.newline();
          decoded += '\n';
          break;
        case 120: { // \xXX: exactly two hexadecimal digits
          let value = 0;
          for (let k = 1; k <= 2; k++) {
            const h = src.charCodeAt(escape + k);
            if ((CTYPE[h] & C_XDIGIT) === 0) {
              this.escapeError('hexadecimal digit expected', quote, decoded, escape, escape + k);
            }
            value = value * 16 + hexDigitValue(h);
          }
          this.pos = escape + 3;
          decoded += String.fromCharCode(value);
          break;
        }
        case 117: // \u{XXX}
          decoded += this.readUtf8Escape(quote, decoded, escape);
          break;
        case 122: { // \z: skip the following whitespace, newlines included
          this.pos++;
          for (;;) {
            const w = src.charCodeAt(this.pos);
            if (w === CH_NL || w === CH_CR) this.newline();
            else if (CTYPE[w] & C_SPACE) this.pos++;
            else break;
          }
          break;
        }
        default: {
          if (escape >= len) break; // "unfinished string" on the next round
          if ((CTYPE[e] & C_DIGIT) === 0) {
            this.escapeError('invalid escape sequence', quote, decoded, escape, escape);
          }
          // \ddd: up to three decimal digits
          let value = 0;
          let p = escape;
          while (p < escape + 3 && (CTYPE[src.charCodeAt(p)] & C_DIGIT) !== 0) {
            value = value * 10 + src.charCodeAt(p) - 48;
            p++;
          }
          if (value > 255) this.escapeError('decimal escape too large', quote, decoded, escape, p);
          this.pos = p;
          decoded += String.fromCharCode(value);
        }
      }
      segment = this.pos;
    }
    decoded += src.slice(segment, this.pos);
    this.pos++; // closing quote
    this.sval = decoded;
    this.shown = Shown.SHORT_STRING;
    this.shownValue = decoded;
    this.shownDelimiter = quote;
    return T.STRING;
  }

  /**
   * \u{XXX} with `escape` at the 'u': up to 2^31-1, encoded as the reference's extended UTF-8.
   * Returns the bytes.
   */
  private readUtf8Escape(quote: number, decoded: string, escape: number): string {
    const src = this.src;
    let p = escape + 1;
    if (src.charCodeAt(p) !== 123) this.escapeError("missing '{'", quote, decoded, escape, p);
    p++;
    if ((CTYPE[src.charCodeAt(p)] & C_XDIGIT) === 0) {
      this.escapeError('hexadecimal digit expected', quote, decoded, escape, p);
    }
    let value = hexDigitValue(src.charCodeAt(p++));
    while ((CTYPE[src.charCodeAt(p)] & C_XDIGIT) !== 0) {
      if (value > 0x7ffffff) this.escapeError('UTF-8 value too large', quote, decoded, escape, p);
      value = value * 16 + hexDigitValue(src.charCodeAt(p));
      p++;
    }
    if (src.charCodeAt(p) !== 125) this.escapeError("missing '}'", quote, decoded, escape, p);
    this.pos = p + 1;
    return utf8Encode(value);
  }

  /**
   * An error in an escape sequence. The reference shows its buffer: the opening quote, the
   * contents decoded so far, the backslash and the raw escape up to the offending char
   * `bad` (included, unless it is the end of the source).
   */
  private escapeError(msg: string, quote: number, decoded: string, escape: number, bad: number): never {
    const raw = this.src.slice(escape, Math.min(bad + 1, this.src.length));
    return this.lexError(msg, String.fromCharCode(quote) + decoded + '\\' + raw);
  }

  /**
   * read_numeral. `start` is the numeral's first char (a digit, or the '.' before a digit),
   * `first` its first digit. Reads everything that may belong to a numeral, plus one letter
   * touching it (so "3x" is malformed), then converts with the reference's rules.
   */
  private readNumeral(start: number, first: number): number {
    const src = this.src;
    let p = first + 1;
    let expo1 = 101, expo2 = 69; // 'e' 'E'
    if (src.charCodeAt(first) === 48 && (src.charCodeAt(p) | 32) === 120) { // "0x"
      p++;
      expo1 = 112; expo2 = 80; // 'p' 'P'
    }
    for (;;) {
      const c = src.charCodeAt(p);
      if (c === expo1 || c === expo2) {
        p++;
        const sign = src.charCodeAt(p);
        if (sign === 43 || sign === 45) p++;
      } else if ((CTYPE[c] & C_XDIGIT) !== 0 || c === CH_DOT) {
        p++;
      } else {
        break;
      }
    }
    if ((CTYPE[src.charCodeAt(p)] & C_ALPHA) !== 0) p++;
    this.pos = p;
    this.shown = Shown.NUMERAL;
    this.shownStart = start;
    this.shownEnd = p;
    const value = stringToNumber(src.slice(start, p));
    if (value === undefined) return this.lexError('malformed number', src.slice(start, p));
    this.nval = value;
    return T.NUMBER;
  }
}

/** luaO_utf8esc: x (< 2^31) as the reference's extended UTF-8 (up to 6 bytes), as a byte string. */
export function utf8Encode(x: number): string {
  if (x < 0x80) return String.fromCharCode(x);
  const bytes: number[] = [];
  let maxFirst = 0x3f; // largest value that still fits in the first byte
  do {
    bytes.push(0x80 | (x & 0x3f));
    x = Math.floor(x / 64);
    maxFirst >>= 1;
  } while (x > maxFirst);
  bytes.push(((~maxFirst << 1) & 0xff) | x);
  return String.fromCharCode(...bytes.reverse());
}

/** A token as a plain object, for tests and tools. */
export interface TokenInfo {
  /** The token as messages name it: "<name>", "<string>", "<number>", "<eof>", "'end'", "'+'"... */
  token: string;
  /** The name, the string's bytes or the numeral's value; undefined for other tokens. */
  value: LuaValue;
  /** Line where the token ends (the reference's linenumber after reading it). */
  line: number;
}

/** All tokens of `source` up to and including <eof>. Throws LuaException on lexical errors. */
export function tokenize(source: string, chunkname = '=?'): TokenInfo[] {
  const lx = new Lexer(source, chunkname);
  const out: TokenInfo[] = [];
  do {
    lx.next();
    const t = lx.token;
    const value = t === T.NUMBER ? lx.nval : t === T.NAME || t === T.STRING ? lx.sval : undefined;
    out.push({ token: tokenToString(t), value, line: lx.linenumber });
  } while (lx.token !== T.EOS);
  return out;
}
