// Bytecode files: writing a Proto as a binary chunk (string.dump, `moonlet compile`).
// The format is documented in docs/bytecode-format.md; undump.ts reads it back and verify.ts
// checks what it reads. Every instruction is written through canonicalInstruction, so
// quickened or cached forms never reach a file.

import { canonicalInstruction } from './opcodes.js';
import type { Proto } from './proto.js';
import { LuaFloat, type LuaValue } from '../runtime/value.js';

/** First bytes of every Moonlet binary chunk (byte 27 first, as Lua's, so load's mode checks work). */
export const SIGNATURE = '\x1bMoon';
/** Version of the file format; bumped on any incompatible change. */
export const FORMAT_VERSION = 1;
/** Catches files mangled by text-mode conversions (as LUAC_DATA). */
export const CHECK_DATA = '\x19\x93\r\n\x1a\n';
export const INSTRUCTION_SIZE = 4;
export const INTEGER_SIZE = 8;
export const FLOAT_SIZE = 8;
/** Values written in the header to check the number formats (as LUAC_INT / LUAC_NUM). */
export const CHECK_INT = 0x5678n;
export const CHECK_FLOAT = 370.5;

/** Constant tags. */
export const enum KTag {
  NIL = 0,
  FALSE = 1,
  TRUE = 2,
  FLOAT = 3,
  INT = 4,
  STRING = 5,
}

class ByteWriter {
  private buf = new Uint8Array(256);
  private n = 0;
  private readonly scratch = new DataView(new ArrayBuffer(8));

  private room(k: number): void {
    if (this.n + k <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.n + k) size *= 2;
    const nb = new Uint8Array(size);
    nb.set(this.buf.subarray(0, this.n));
    this.buf = nb;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.n++] = b & 0xff;
  }

  /** Unsigned LEB128. */
  varint(v: number): void {
    while (v >= 0x80) {
      this.byte((v & 0x7f) | 0x80);
      v = Math.floor(v / 128);
    }
    this.byte(v);
  }

  /** Signed (zigzag) LEB128. */
  svarint(v: number): void {
    this.varint(v >= 0 ? v * 2 : -v * 2 - 1);
  }

  u32(v: number): void {
    this.room(4);
    this.buf[this.n++] = v & 0xff;
    this.buf[this.n++] = (v >>> 8) & 0xff;
    this.buf[this.n++] = (v >>> 16) & 0xff;
    this.buf[this.n++] = (v >>> 24) & 0xff;
  }

  int64(v: bigint): void {
    this.scratch.setBigInt64(0, v, true);
    for (let i = 0; i < 8; i++) this.byte(this.scratch.getUint8(i));
  }

  float64(v: number): void {
    this.scratch.setFloat64(0, v, true);
    for (let i = 0; i < 8; i++) this.byte(this.scratch.getUint8(i));
  }

  /** Bytes of a Lua string (one char per byte). */
  raw(s: string): void {
    this.room(s.length);
    for (let i = 0; i < s.length; i++) this.buf[this.n++] = s.charCodeAt(i) & 0xff;
  }

  string(s: string): void {
    this.varint(s.length);
    this.raw(s);
  }

  /** A string that may be absent: length + 1, 0 for none. */
  optString(s: string | undefined): void {
    if (s === undefined) this.varint(0);
    else {
      this.varint(s.length + 1);
      this.raw(s);
    }
  }

  /** The bytes as a Lua string. */
  toLuaString(): string {
    let r = '';
    for (let i = 0; i < this.n; i += 8192) {
      r += String.fromCharCode.apply(null, Array.from(this.buf.subarray(i, Math.min(this.n, i + 8192))));
    }
    return r;
  }
}

/** The binary chunk of a function prototype, as a Lua string; strip drops the debug information. */
export function dumpProto(p: Proto, strip: boolean): string {
  const w = new ByteWriter();
  w.raw(SIGNATURE);
  w.byte(FORMAT_VERSION);
  w.raw(CHECK_DATA);
  w.byte(INSTRUCTION_SIZE);
  w.byte(INTEGER_SIZE);
  w.byte(FLOAT_SIZE);
  w.int64(CHECK_INT);
  w.float64(CHECK_FLOAT);
  w.byte(p.upvalues.length);
  dumpFunction(w, p, undefined, strip);
  return w.toLuaString();
}

function dumpFunction(w: ByteWriter, p: Proto, parentSource: string | undefined, strip: boolean): void {
  // as the reference: a nested function's source is written only when it differs from its parent's
  w.optString(strip || p.source === parentSource ? undefined : p.source);
  w.varint(p.linedefined);
  w.varint(p.lastlinedefined);
  w.byte(p.numparams);
  w.byte(p.isVararg ? 1 : 0);
  w.byte(p.maxstacksize);
  w.varint(p.code.length);
  for (let pc = 0; pc < p.code.length; pc++) w.u32(canonicalInstruction(p.code[pc]));
  w.varint(p.constants.length);
  for (const k of p.constants) dumpConstant(w, k);
  w.varint(p.upvalues.length);
  for (const u of p.upvalues) {
    w.byte(u.instack ? 1 : 0);
    w.byte(u.index);
    w.byte(u.kind);
  }
  w.varint(p.protos.length);
  for (const np of p.protos) dumpFunction(w, np, p.source, strip);
  // debug information
  if (strip) {
    w.varint(0);
    w.varint(0);
    w.varint(0);
    return;
  }
  w.varint(p.lineinfo.length);
  let prev = p.linedefined;
  for (let i = 0; i < p.lineinfo.length; i++) {
    w.svarint(p.lineinfo[i] - prev);
    prev = p.lineinfo[i];
  }
  w.varint(p.locvars.length);
  for (const lv of p.locvars) {
    w.string(lv.name);
    w.varint(lv.startpc);
    w.varint(lv.endpc);
  }
  w.varint(p.upvalues.length);
  for (const u of p.upvalues) w.string(u.name);
}

function dumpConstant(w: ByteWriter, k: LuaValue): void {
  if (k === undefined) w.byte(KTag.NIL);
  else if (k === false) w.byte(KTag.FALSE);
  else if (k === true) w.byte(KTag.TRUE);
  else if (typeof k === 'string') {
    w.byte(KTag.STRING);
    w.string(k);
  } else if (typeof k === 'bigint') {
    w.byte(KTag.INT);
    w.int64(k);
  } else if (typeof k === 'number') {
    if (Number.isInteger(k)) {
      w.byte(KTag.INT);
      w.int64(BigInt(k));
    } else {
      w.byte(KTag.FLOAT);
      w.float64(k);
    }
  } else if (k instanceof LuaFloat) {
    w.byte(KTag.FLOAT);
    w.float64(k.n);
  } else {
    throw new Error('dump: a constant that is not nil, a boolean, a number or a string');
  }
}
