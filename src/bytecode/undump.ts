// Bytecode files: reading a binary chunk (load, dofile, `moonlet file.luac`, the disassembler).
// The format is in docs/bytecode-format.md. Every read is bounds-checked and every count is
// checked against the bytes left, so a damaged or hostile file fails with a BadBinaryFormat
// (message "bad binary format (reason)" once the loader adds the chunk name), never with a JS
// exception or a huge allocation. The structure read here is then checked by verify.ts.

import {
  SIGNATURE, FORMAT_VERSION, CHECK_DATA, INSTRUCTION_SIZE, INTEGER_SIZE, FLOAT_SIZE, CHECK_INT, CHECK_FLOAT,
  KTag,
} from './dump.js';
import { Proto, type LocVar, type UpvalDesc } from './proto.js';
import { BadBinaryFormat, verifyProto } from './verify.js';

export { BadBinaryFormat };
import { genericArray, mkfloat, mkint, type LuaValue } from '../runtime/value.js';

/** Nesting limit of function prototypes (the compiler's own limit is lower: 200 C levels). */
export const MAX_PROTO_DEPTH = 250;

/** Source name of a stripped chunk (shown as "?" in messages, as the reference). */
export const STRIPPED_SOURCE = '=?';

class ByteReader {
  pos = 0;
  private readonly scratch = new DataView(new ArrayBuffer(8));
  constructor(private readonly s: string) {}

  left(): number {
    return this.s.length - this.pos;
  }

  byte(): number {
    if (this.pos >= this.s.length) throw new BadBinaryFormat('truncated chunk');
    return this.s.charCodeAt(this.pos++) & 0xff;
  }

  /** Unsigned LEB128 up to 2^31 - 1. */
  varint(): number {
    let v = 0;
    let mul = 1;
    for (let i = 0; ; i++) {
      const b = this.byte();
      v += (b & 0x7f) * mul;
      if ((b & 0x80) === 0) break;
      mul *= 128;
      if (i >= 4) throw new BadBinaryFormat('corrupted chunk (integer too large)');
    }
    if (v > 0x7fffffff) throw new BadBinaryFormat('corrupted chunk (integer too large)');
    return v;
  }

  svarint(): number {
    const z = this.varint();
    return z % 2 === 0 ? z / 2 : -(z + 1) / 2;
  }

  /** A count of items of at least `unit` bytes each: must fit in the bytes left. */
  count(unit: number, what: string): number {
    const n = this.varint();
    if (n * unit > this.left()) throw new BadBinaryFormat(`truncated chunk (${what})`);
    return n;
  }

  u32(): number {
    if (this.left() < 4) throw new BadBinaryFormat('truncated chunk');
    const s = this.s;
    const p = this.pos;
    this.pos += 4;
    return (s.charCodeAt(p) & 0xff) | ((s.charCodeAt(p + 1) & 0xff) << 8) |
      ((s.charCodeAt(p + 2) & 0xff) << 16) | ((s.charCodeAt(p + 3) & 0xff) << 24);
  }

  private bytes8(): void {
    if (this.left() < 8) throw new BadBinaryFormat('truncated chunk');
    for (let i = 0; i < 8; i++) this.scratch.setUint8(i, this.s.charCodeAt(this.pos++) & 0xff);
  }

  int64(): bigint {
    this.bytes8();
    return this.scratch.getBigInt64(0, true);
  }

  float64(): number {
    this.bytes8();
    return this.scratch.getFloat64(0, true);
  }

  raw(n: number): string {
    if (n > this.left()) throw new BadBinaryFormat('truncated chunk');
    const r = this.s.slice(this.pos, this.pos + n);
    this.pos += n;
    return r;
  }

  string(): string {
    return this.raw(this.varint());
  }

  optString(): string | undefined {
    const n = this.varint();
    return n === 0 ? undefined : this.raw(n - 1);
  }
}

/** Does this chunk text start like a binary chunk (so load's mode "t" refuses it)? */
export function isBinaryChunk(chunk: string): boolean {
  return chunk.charCodeAt(0) === 27;
}

/**
 * Read and verify a binary chunk (a Lua byte string). Throws BadBinaryFormat when the chunk is
 * damaged, from another format or version, or fails verification.
 */
export function undump(chunk: string): Proto {
  const r = new ByteReader(chunk);
  checkHeader(r);
  const nupvalues = r.byte();
  const p = loadFunction(r, STRIPPED_SOURCE, 0);
  if (r.left() !== 0) throw new BadBinaryFormat('corrupted chunk (extra bytes after the main function)');
  if (p.upvalues.length !== nupvalues) throw new BadBinaryFormat('corrupted chunk (upvalue count of the main function)');
  verifyProto(p);
  return p;
}

function checkHeader(r: ByteReader): void {
  const sig = r.raw(Math.min(SIGNATURE.length, r.left()));
  if (sig !== SIGNATURE) {
    if (sig.startsWith('\x1bLua')) throw new BadBinaryFormat('a PUC-Lua precompiled chunk, not a Moonlet one');
    if (sig.length < SIGNATURE.length && SIGNATURE.startsWith(sig)) throw new BadBinaryFormat('truncated chunk');
    throw new BadBinaryFormat('not a binary chunk');
  }
  if (r.byte() !== FORMAT_VERSION) throw new BadBinaryFormat('version mismatch');
  if (r.raw(CHECK_DATA.length) !== CHECK_DATA) throw new BadBinaryFormat('corrupted chunk');
  if (r.byte() !== INSTRUCTION_SIZE) throw new BadBinaryFormat('Instruction size mismatch');
  if (r.byte() !== INTEGER_SIZE) throw new BadBinaryFormat('lua_Integer size mismatch');
  if (r.byte() !== FLOAT_SIZE) throw new BadBinaryFormat('lua_Number size mismatch');
  if (r.int64() !== CHECK_INT) throw new BadBinaryFormat('integer format mismatch');
  if (r.float64() !== CHECK_FLOAT) throw new BadBinaryFormat('float format mismatch');
}

function loadFunction(r: ByteReader, parentSource: string, depth: number): Proto {
  if (depth > MAX_PROTO_DEPTH) throw new BadBinaryFormat('corrupted chunk (functions nested too deeply)');
  const p = new Proto();
  p.source = r.optString() ?? parentSource;
  p.linedefined = r.varint();
  p.lastlinedefined = r.varint();
  p.numparams = r.byte();
  const vararg = r.byte();
  if (vararg > 1) throw new BadBinaryFormat('corrupted chunk (vararg flag)');
  p.isVararg = vararg === 1;
  p.maxstacksize = r.byte();

  const ncode = r.count(4, 'code');
  const code = new Int32Array(ncode);
  for (let i = 0; i < ncode; i++) code[i] = r.u32();
  p.code = code;

  const nk = r.count(1, 'constants');
  const ks: LuaValue[] = genericArray();
  for (let i = 0; i < nk; i++) ks.push(loadConstant(r));
  p.constants = ks;

  const nup = r.count(3, 'upvalues');
  const ups: UpvalDesc[] = [];
  for (let i = 0; i < nup; i++) {
    const instack = r.byte();
    const index = r.byte();
    const kind = r.byte();
    if (instack > 1 || kind > 2) throw new BadBinaryFormat('corrupted chunk (upvalue descriptor)');
    ups.push({ name: '', instack: instack === 1, index, kind });
  }
  p.upvalues = ups;

  const np = r.count(1, 'functions');
  const protos: Proto[] = [];
  for (let i = 0; i < np; i++) protos.push(loadFunction(r, p.source, depth + 1));
  p.protos = protos;

  // debug information (absent when stripped)
  const nline = r.count(1, 'line information');
  if (nline !== 0 && nline !== ncode) throw new BadBinaryFormat('corrupted chunk (line information)');
  const lines = new Int32Array(nline);
  let line = p.linedefined;
  for (let i = 0; i < nline; i++) {
    line += r.svarint();
    if (line < 0 || line > 0x7fffffff) throw new BadBinaryFormat('corrupted chunk (line information)');
    lines[i] = line;
  }
  p.lineinfo = lines;

  const nloc = r.count(3, 'local variables');
  const locs: LocVar[] = [];
  for (let i = 0; i < nloc; i++) {
    const name = r.string();
    const startpc = r.varint();
    const endpc = r.varint();
    locs.push({ name, startpc, endpc });
  }
  p.locvars = locs;

  const nupn = r.count(1, 'upvalue names');
  if (nupn !== 0 && nupn !== nup) throw new BadBinaryFormat('corrupted chunk (upvalue names)');
  for (let i = 0; i < nupn; i++) ups[i].name = r.string();
  return p;
}

function loadConstant(r: ByteReader): LuaValue {
  const tag = r.byte();
  switch (tag) {
    case KTag.NIL: return undefined;
    case KTag.FALSE: return false;
    case KTag.TRUE: return true;
    case KTag.FLOAT: return mkfloat(r.float64());
    case KTag.INT: return mkint(r.int64());
    case KTag.STRING: return r.string();
    default: throw new BadBinaryFormat(`corrupted chunk (constant tag ${tag})`);
  }
}
