// The io library (manual §6.8), as liolib.c of the reference (5.4.4), on Node.js's synchronous
// file system calls.
//
// A Lua file is a userdata (metatable registry["FILE*"], __name "FILE*") whose data is a
// LuaFile: a file descriptor with a read-ahead buffer and a write buffer, like a C FILE. Reads
// and writes use positional I/O on regular files (the LuaFile tracks the position), plain
// reads/writes on pipes and terminals. io.stdout and io.stderr write into the Lua state's
// output sinks (S.stdout / S.stderr), which `print` uses too, so both interleave in program
// order; io.stdin reads file descriptor 0 synchronously (a pipe, /dev/null or a terminal).
// Pending writes of open files are flushed at process exit, as C's exit() does.
//
// io.popen: in "r" mode the command runs to completion when the file is opened and its output
// is read from memory; in "w" mode what is written is collected and fed to the command's
// standard input when the file is closed (or at exit). Closing returns the command's exit status.
// So a command must end by itself (an endless producer like `yes` cannot be read lazily; the
// output is limited to 1 GB), and a "w" command sees its input only at close.
// io.stdin is read at the descriptor's offset and cannot seek ("Illegal seek") even when it is
// a regular file.
//
// Files that become garbage are closed when the JavaScript collector finalizes them (which only
// happens between host tasks, not during a running script): a script that opens many files
// must close them.

import { closeSync, fstatSync, openSync, readSync, unlinkSync, writeSync } from 'node:fs';
import { constants as osConstants } from 'node:os';
import { isatty } from 'node:tty';
import { LuaTable } from '../runtime/table.js';
import { LuaFloat, LuaUserdata, type LuaValue } from '../runtime/value.js';
import { isNumber, isInteger, numberToString, stringToNumber, toInteger } from '../runtime/number.js';
import { fmtG14 } from '../runtime/numfmt.js';
import { NativeFunction, type NativeFn } from '../vm/function.js';
import type { LuaState, LuaThread } from '../vm/state.js';
import { addressOf, typeName, getMetatable } from '../vm/ops.js';
import {
  arg, argError, checkOption, checkString, cString, luaError, newLib, optInteger, optString,
  registerLib,
} from './aux.js';
import { fsPath } from './base.js';
import { nodeChildProcess, nodeCrypto } from './nodemods.js';
import {
  SHELL, commandText, errnoOf, execResult, exitStatusOf, fileFailure, fileSuccess, isSystemError,
  sysError, type ExitStatus,
} from './syserr.js';

const READ_CHUNK = 1 << 16;
/** Pending writes are flushed when they reach this many bytes (setvbuf "full" may change it). */
const DEFAULT_WRITE_LIMIT = 1 << 16;

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** An output sink (S.stdout); the CLI's sinks also have flush. */
type OutSink = ((bytes: string) => void) & { flush?: () => void };

function flushSink(sink: OutSink): void {
  if (typeof sink.flush === 'function') sink.flush();
}

type Whence = 'set' | 'cur' | 'end';
type BufMode = 'no' | 'full' | 'line';

/** A C-like buffered stream. Errors are recorded in `err` (ferror) rather than thrown. */
export class LuaFile {
  closed = false;
  /** The pending error (ferror), as a Node.js error or sysError(code). */
  err: unknown = undefined;
  /** File offset where the next fill reads (reading) or where pending writes start (writing). */
  private pos = 0;
  private rbuf: Buffer = Buffer.alloc(0);
  private rpos = 0;
  private rlen = 0;
  /** Pending output (bytes); a rope until it is flushed. */
  private wbuf = '';
  bufMode: BufMode = 'full';
  writeLimit = DEFAULT_WRITE_LIMIT;
  /** Child process of io.popen: its command, its exit status once finished. */
  popenCmd: string | undefined = undefined;
  popenStatus: ExitStatus | undefined = undefined;
  /** popen "w": flushes the state's standard output before the command writes to it. */
  beforeRun: (() => void) | undefined = undefined;
  /** The FILE* metatable its userdata was made with (luaL_checkudata compares with it). */
  meta: LuaTable | undefined = undefined;

  constructor(
    /** The descriptor (-1: none, memory-backed popen). */
    public fd: number,
    readonly readable: boolean,
    readonly writable: boolean,
    readonly append: boolean,
    readonly seekable: boolean,
    /** For io.stdout / io.stderr: gives the state's sink all writes go to. */
    readonly sinkOf: (() => OutSink) | undefined = undefined,
    /** Standard files cannot be closed. */
    readonly standard = false,
  ) {}

  // ---- reading ----

  /** Refill the read buffer; false at end of file or on error. */
  private fill(): boolean {
    if (!this.readable) {
      this.err = sysError('EBADF');
      return false;
    }
    if (this.wbuf.length > 0 && !this.flushWrites()) return false;
    if (this.fd < 0) return false;
    if (this.rbuf.length < READ_CHUNK) this.rbuf = Buffer.allocUnsafe(READ_CHUNK);
    for (;;) {
      try {
        const n = readSync(this.fd, this.rbuf, 0, READ_CHUNK, this.seekable ? this.pos : null);
        this.rpos = 0;
        this.rlen = n;
        this.pos += n;
        return n > 0;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code === 'EAGAIN') {
          sleepMs(2);
          continue;
        }
        if (code === 'EOF') return false;
        if (!isSystemError(e)) throw e;
        this.err = e;
        return false;
      }
    }
  }

  /** Make read data from memory (popen "r"). */
  setContents(data: Buffer): void {
    this.rbuf = data;
    this.rpos = 0;
    this.rlen = data.length;
  }

  /** getc: the next byte, or -1. */
  getc(): number {
    if (this.rpos >= this.rlen && !this.fill()) return -1;
    return this.rbuf[this.rpos++];
  }

  /** ungetc of the byte just read by getc (not -1). */
  ungetc(c: number): void {
    if (c >= 0) this.rpos--;
  }

  /** A line (without or with its '\n'); undefined if nothing at all could be read. */
  readLine(keepNewline: boolean): string | undefined {
    let acc = '';
    for (;;) {
      if (this.rpos >= this.rlen && !this.fill()) return acc.length > 0 ? acc : undefined;
      const nl = this.rbuf.subarray(this.rpos, this.rlen).indexOf(10);
      if (nl >= 0) {
        const end = this.rpos + nl;
        acc += this.rbuf.toString('latin1', this.rpos, keepNewline ? end + 1 : end);
        this.rpos = end + 1;
        return acc;
      }
      acc += this.rbuf.toString('latin1', this.rpos, this.rlen);
      this.rpos = this.rlen;
    }
  }

  /** Up to n bytes (fewer at end of file). */
  readChars(n: number): string {
    if (n === 1 && this.rpos < this.rlen) return String.fromCharCode(this.rbuf[this.rpos++]);
    const parts: string[] = [];
    let got = 0;
    while (got < n) {
      if (this.rpos >= this.rlen && !this.fill()) break;
      const take = Math.min(n - got, this.rlen - this.rpos);
      parts.push(this.rbuf.toString('latin1', this.rpos, this.rpos + take));
      this.rpos += take;
      got += take;
    }
    return parts.join('');
  }

  /** The rest of the file. */
  readAll(): string {
    const parts: string[] = [];
    for (;;) {
      if (this.rpos >= this.rlen && !this.fill()) break;
      parts.push(this.rbuf.toString('latin1', this.rpos, this.rlen));
      this.rpos = this.rlen;
    }
    return parts.join('');
  }

  /** Is there more to read? (test_eof without consuming) */
  atEof(): boolean {
    return this.rpos >= this.rlen && !this.fill();
  }

  // ---- writing ----

  /** Drop unread buffered data (its file position is where writing continues). */
  private dropReadBuffer(): void {
    if (this.rlen > this.rpos) {
      if (this.seekable) this.pos -= this.rlen - this.rpos;
    }
    this.rpos = this.rlen = 0;
  }

  /** fwrite: false (and err set) on failure. */
  write(s: string): boolean {
    if (s.length === 0) return true; // fwrite of 0 bytes succeeds on any stream
    if (!this.writable) {
      this.err = sysError('EBADF');
      return false;
    }
    if (this.sinkOf !== undefined) {
      const sink = this.sinkOf();
      sink(s);
      if (this.bufMode === 'no' || (this.bufMode === 'line' && s.includes('\n'))) flushSink(sink);
      return true;
    }
    if (this.fd >= 0) this.dropReadBuffer();
    if (this.wbuf.length === 0) pendingFiles.add(this);
    this.wbuf += s;
    if (this.popenCmd !== undefined) return true; // fed to the command when closed
    if (this.bufMode === 'no' || this.wbuf.length >= this.writeLimit || (this.bufMode === 'line' && s.includes('\n'))) {
      return this.flushWrites();
    }
    return true;
  }

  /** Write out pending data; false (and err set) on failure. */
  flushWrites(): boolean {
    if (this.sinkOf !== undefined) {
      flushSink(this.sinkOf());
      return true;
    }
    if (this.wbuf.length === 0 || this.popenCmd !== undefined) return true;
    const data = Buffer.from(this.wbuf, 'latin1');
    this.wbuf = '';
    pendingFiles.delete(this);
    let off = 0;
    try {
      while (off < data.length) {
        try {
          const pos = this.seekable && !this.append ? this.pos + off : null;
          off += writeSync(this.fd, data, off, data.length - off, pos);
        } catch (e) {
          if ((e as { code?: string }).code === 'EAGAIN') {
            sleepMs(1);
            continue;
          }
          throw e;
        }
      }
      if (this.seekable) this.pos = this.append ? fstatSync(this.fd).size : this.pos + off;
      return true;
    } catch (e) {
      if (!isSystemError(e)) throw e;
      if (this.seekable && !this.append) this.pos += off;
      this.err = e;
      return false;
    }
  }

  /** fseek + ftell: the new position, or the error. */
  seek(whence: Whence, offset: number): { pos: number } | { error: unknown } {
    if (this.sinkOf !== undefined) {
      // the sink only appends: report the size of the output file
      flushSink(this.sinkOf());
      if (!this.seekable) return { error: sysError('ESPIPE') };
      try {
        return { pos: fstatSync(this.fd).size };
      } catch (e) {
        if (!isSystemError(e)) throw e;
        return { error: e };
      }
    }
    if (!this.flushWrites()) return { error: this.err };
    if (!this.seekable) {
      // devices like /dev/null accept any seek and stay at 0; pipes and terminals refuse
      if (this.fd >= 0 && isNullLikeDevice(this.fd)) return { pos: 0 };
      return { error: sysError('ESPIPE') };
    }
    const current = this.pos - (this.rlen - this.rpos);
    let target: number;
    try {
      if (whence === 'set') target = offset;
      else if (whence === 'cur') target = current + offset;
      else target = fstatSync(this.fd).size + offset;
    } catch (e) {
      if (!isSystemError(e)) throw e;
      return { error: e };
    }
    if (target < 0 || !Number.isSafeInteger(target)) return { error: sysError('EINVAL') };
    this.rpos = this.rlen = 0;
    this.pos = target;
    return { pos: target };
  }

  /** fclose / pclose: undefined on success, else the error; popen files give their exit status. */
  close(): { error: unknown } | { status: ExitStatus } | undefined {
    this.closed = true;
    let error: unknown = undefined;
    if (this.popenCmd !== undefined) {
      pendingFiles.delete(this);
      if (this.writable) this.runPopenWriter();
      this.rbuf = Buffer.alloc(0);
      this.rlen = this.rpos = 0;
      return { status: this.popenStatus ?? { kind: 'exit', code: 0 } };
    }
    if (!this.flushWrites()) error = this.err;
    if (this.fd >= 0) {
      try {
        closeSync(this.fd);
      } catch (e) {
        if (!isSystemError(e)) throw e;
        error ??= e;
      }
      this.fd = -1;
    }
    this.rbuf = Buffer.alloc(0);
    this.rlen = this.rpos = 0;
    return error === undefined ? undefined : { error };
  }

  /** popen "w": run the command with everything written as its standard input. */
  runPopenWriter(): void {
    const input = Buffer.from(this.wbuf, 'latin1');
    this.wbuf = '';
    if (this.beforeRun !== undefined) this.beforeRun();
    const r = nodeChildProcess().spawnSync(SHELL, ['-c', commandText(this.popenCmd ?? '')], { input, stdio: ['pipe', 'inherit', 'inherit'] });
    this.popenStatus = r.error !== undefined ? { kind: 'exit', code: 127 } : exitStatusOf(r, SIGNALS);
  }
}

const SIGNALS = osConstants.signals as unknown as Record<string, number>;

/** Open files with pending writes (flushed at exit and by os.exit). */
const pendingFiles = new Set<LuaFile>();

let exitHookInstalled = false;

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    try {
      flushFiles();
    } catch {
      // nothing more can be done at exit
    }
  });
}

function flushFiles(): void {
  for (const f of [...pendingFiles]) {
    if (f.popenCmd !== undefined) {
      pendingFiles.delete(f);
      f.runPopenWriter();
    } else f.flushWrites();
  }
}

/**
 * Flush all buffered output: the standard output sink of S and the pending writes of all open
 * files (os.exit, os.execute, popen "w" before its command runs).
 */
export function flushAllOutput(S: LuaState | undefined): void {
  if (S !== undefined) flushSink(S.stdout as OutSink);
  flushFiles();
}

/** Collected file userdata are closed (fd released) by the JavaScript collector. */
const finalizer = new FinalizationRegistry<LuaFile>((f) => {
  if (!f.closed && !f.standard) f.close();
});

// ---- per-state data ----------------------------------------------------------------------------

const FILEHANDLE = 'FILE*';
const IO_INPUT = '_IO_input';
const IO_OUTPUT = '_IO_output';

let sharedStdin: LuaFile | undefined;

function isRegularFile(fd: number): boolean {
  try {
    const st = fstatSync(fd);
    return st.isFile() || st.isBlockDevice();
  } catch {
    return false;
  }
}

/** A character device other than a terminal (/dev/null, /dev/zero, /dev/full). */
function isNullLikeDevice(fd: number): boolean {
  try {
    return fstatSync(fd).isCharacterDevice() && !isatty(fd);
  } catch {
    return false;
  }
}

function fileMeta(S: LuaState): LuaTable | undefined {
  const mt = S.registry.getStr(FILEHANDLE);
  return mt instanceof LuaTable ? mt : undefined;
}

function newFileUd(S: LuaState, f: LuaFile): LuaUserdata {
  const ud = new LuaUserdata(f);
  ud.metatable = fileMeta(S);
  f.meta = ud.metatable;
  if (!f.standard) finalizer.register(ud, f);
  return ud;
}

/** luaL_checkudata(L, i, "FILE*"): the LuaFile of argument i (open or closed). */
function toStream(L: LuaThread, v: LuaValue, i: number, nargs: number): LuaFile {
  if (v instanceof LuaUserdata && v.data instanceof LuaFile && v.metatable === v.data.meta) return v.data;
  const got = i > nargs ? 'no value' : typeNameForError(L, v);
  return argError(L, i, `FILE* expected, got ${got}`);
}

function typeNameForError(L: LuaThread, v: LuaValue): string {
  const n = getMetatable(L.state, v)?.getStr('__name');
  return typeof n === 'string' ? n : typeName(v);
}

/** tofile: argument 1 as an open file. */
function toFile(L: LuaThread, base: number, nargs: number): LuaFile {
  const f = toStream(L, arg(L, base, nargs, 1), 1, nargs);
  if (f.closed) luaError(L, 'attempt to use a closed file');
  return f;
}

/** getiofile: the default input or output file (must be open). */
function getIoFile(L: LuaThread, which: typeof IO_INPUT | typeof IO_OUTPUT): LuaFile {
  const v = L.state.registry.getStr(which);
  const f = v instanceof LuaUserdata && v.data instanceof LuaFile ? v.data : undefined;
  if (f === undefined || f.closed) luaError(L, `default ${which === IO_INPUT ? 'input' : 'output'} file is closed`);
  return f;
}

// ---- opening files -----------------------------------------------------------------------------

/** l_checkmode: [rwa]%+?b* */
function checkMode(mode: string): boolean {
  return /^[rwa]\+?b*$/.test(mode);
}

/** fopen: a LuaFile, or the Node.js error. */
function openFile(name: string, mode: string): LuaFile | { error: unknown } {
  const plus = mode.includes('+');
  const kind = mode.charAt(0);
  const flags = kind + (plus ? '+' : '');
  let fd: number;
  try {
    fd = openSync(fsPath(name), flags, 0o666);
  } catch (e) {
    if (!isSystemError(e)) throw e;
    return { error: e };
  }
  const f = new LuaFile(fd, kind === 'r' || plus, kind !== 'r' || plus, kind === 'a', isRegularFile(fd));
  if (kind === 'a' && !plus && f.seekable) f.seek('end', 0); // glibc starts "a" (not "a+") at the end
  return f;
}

/** opencheckfile: open or raise "cannot open file 'name' (reason)". */
function openCheckFile(L: LuaThread, name: string, mode: string): LuaUserdata {
  const f = openFile(name, mode);
  if (!(f instanceof LuaFile)) return luaError(L, `cannot open file '${name}' (${errnoOf(f.error)[1]})`);
  return newFileUd(L.state, f);
}

const io_open: NativeFn = (L, base, nargs) => {
  // name and mode are C strings in the reference (they end at a "\0")
  const name = cString(checkString(L, base, nargs, 1));
  const mode = cString(optString(L, base, nargs, 2, 'r'));
  if (!checkMode(mode)) argError(L, 2, 'invalid mode');
  const f = openFile(name, mode);
  if (!(f instanceof LuaFile)) return fileFailure(L, base, f.error, name);
  L.stack[base] = newFileUd(L.state, f);
  return 1;
};

const io_popen: NativeFn = (L, base, nargs) => {
  const cmd = checkString(L, base, nargs, 1);
  const mode = optString(L, base, nargs, 2, 'r');
  if (mode !== 'r' && mode !== 'w') argError(L, 2, 'invalid mode');
  const f = new LuaFile(-1, mode === 'r', mode === 'w', false, false);
  f.popenCmd = cmd;
  const S = L.state;
  f.beforeRun = () => flushSink(S.stdout as OutSink);
  if (mode === 'r') {
    const r = nodeChildProcess().spawnSync(SHELL, ['-c', commandText(cmd)], { stdio: ['inherit', 'pipe', 'inherit'], maxBuffer: 1 << 30 });
    if (r.error !== undefined && r.stdout === undefined) return fileFailure(L, base, r.error, cmd);
    f.setContents(r.stdout ?? Buffer.alloc(0));
    f.popenStatus = exitStatusOf(r, SIGNALS);
  }
  L.stack[base] = newFileUd(L.state, f);
  return 1;
};

const io_tmpfile: NativeFn = (L, base) => {
  for (let attempt = 0; attempt < 100; attempt++) {
    const name = '/tmp/tmpf' + nodeCrypto().randomBytes(6).toString('hex');
    let fd: number;
    try {
      fd = openSync(name, 'wx+', 0o600);
    } catch (e) {
      if (!isSystemError(e)) throw e;
      if ((e as { code?: string }).code === 'EEXIST') continue;
      return fileFailure(L, base, e);
    }
    try {
      unlinkSync(name); // the file disappears when closed, as tmpfile()'s
    } catch {
      // keep going with a visible file
    }
    L.stack[base] = newFileUd(L.state, new LuaFile(fd, true, true, false, true));
    return 1;
  }
  return fileFailure(L, base, sysError('EEXIST'));
};

// ---- closing -------------------------------------------------------------------------------------

/** aux_close: close the open file f and push the results of its close function. */
function auxClose(L: LuaThread, base: number, f: LuaFile): number {
  if (f.standard) {
    const s = L.stack;
    s[base] = undefined;
    s[base + 1] = 'cannot close standard file';
    return 2;
  }
  const r = f.close();
  if (r === undefined) return fileSuccess(L, base);
  if ('status' in r) return execResult(L, base, r.status);
  return fileFailure(L, base, r.error);
}

const f_close: NativeFn = (L, base, nargs) => auxClose(L, base, toFile(L, base, nargs));

const io_close: NativeFn = (L, base, nargs) => {
  if (nargs === 0) {
    L.stack[base] = L.state.registry.getStr(IO_OUTPUT);
    nargs = 1;
  }
  return f_close(L, base, nargs);
};

const f_gc: NativeFn = (L, base, nargs) => {
  const f = toStream(L, arg(L, base, nargs, 1), 1, nargs);
  if (!f.closed) auxClose(L, base, f);
  return 0;
};

const f_tostring: NativeFn = (L, base, nargs) => {
  const v = arg(L, base, nargs, 1);
  const f = toStream(L, v, 1, nargs);
  L.stack[base] = f.closed ? 'file (closed)' : `file (${addressOf(v as LuaUserdata)})`;
  return 1;
};

const io_type: NativeFn = (L, base, nargs) => {
  if (nargs < 1) argError(L, 1, 'value expected');
  const v = L.stack[base];
  if (v instanceof LuaUserdata && v.data instanceof LuaFile && v.metatable === v.data.meta) {
    L.stack[base] = v.data.closed ? 'closed file' : 'file';
  } else L.stack[base] = undefined;
  return 1;
};

// ---- reading -----------------------------------------------------------------------------------

const L_MAXLENNUM = 200;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isXDigit(c: number): boolean {
  return isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
}

/** read_number's state (RN in liolib.c): the numeral read so far and the look-ahead byte. */
class NumeralReader {
  buff = '';
  c = -1;
  invalid = false;
  constructor(readonly f: LuaFile) {}

  /** nextc: accept the look-ahead byte and read the next one (fails past L_MAXLENNUM). */
  nextc(): boolean {
    if (this.buff.length >= L_MAXLENNUM) {
      this.invalid = true;
      return false;
    }
    this.buff += String.fromCharCode(this.c);
    this.c = this.f.getc();
    return true;
  }

  /** test2: accept the look-ahead byte if it is one of a, b (char codes). */
  test2(a: number, b: number): boolean {
    return (this.c === a || this.c === b) && this.nextc();
  }

  readDigits(hex: boolean): number {
    let count = 0;
    while ((hex ? isXDigit(this.c) : isDigit(this.c)) && this.nextc()) count++;
    return count;
  }
}

/** read_number: reads the longest numeral prefix as the reference does; the number or undefined. */
function readNumber(f: LuaFile): LuaValue {
  const rn = new NumeralReader(f);
  let c = f.getc();
  while (isSpace(c)) c = f.getc();
  rn.c = c;
  let count = 0;
  let hex = false;
  rn.test2(45, 43); // '-' '+'
  if (rn.test2(48, 48)) { // '0'
    if (rn.test2(120, 88)) hex = true; // 'x' 'X'
    else count = 1;
  }
  count += rn.readDigits(hex);
  if (rn.test2(46, 46)) count += rn.readDigits(hex); // '.'
  if (count > 0 && (hex ? rn.test2(112, 80) : rn.test2(101, 69))) { // 'p' 'P' / 'e' 'E'
    rn.test2(45, 43);
    rn.readDigits(false);
  }
  f.ungetc(rn.c);
  if (rn.invalid) return undefined;
  return stringToNumber(rn.buff);
}

/**
 * g_read: read with the nfmt formats at src[off..] (argument numbers from `first`); the results
 * go to stack[base..] (a format is always read before its slot can be overwritten). Returns the
 * result count.
 */
function gRead(L: LuaThread, base: number, f: LuaFile, src: LuaValue[], off: number, nfmt: number, first: number): number {
  f.err = undefined; // clearerr
  if (f === sharedStdin) flushSink(L.state.stdout as OutSink); // a prompt written before is seen
  const stack = L.stack;
  let success = true;
  let n = 0;
  if (nfmt === 0) {
    const line = f.readLine(false);
    success = line !== undefined;
    stack[base] = line;
    n = 1;
  } else {
    if (nfmt > 1 && !L.checkStack(nfmt + 20)) luaError(L, 'stack overflow (too many arguments)');
    for (let k = 0; k < nfmt && success; k++) {
      const argn = first + k;
      const fmt = src[off + k];
      let v: LuaValue;
      if (typeof fmt === 'number' && Number.isInteger(fmt) && fmt > 0 && fmt <= 0x7fffffff) {
        const chars = f.readChars(fmt);
        success = chars.length > 0;
        v = chars;
      } else if (isNumber(fmt)) {
        const cnt = toInteger(fmt);
        if (cnt === undefined) argError(L, argn, 'number has no integer representation');
        if (cnt === 0 || cnt === 0n) {
          success = !f.atEof();
          v = '';
        } else {
          if (cnt < 0 || cnt > 0x7fffffff) luaError(L, 'not enough memory');
          const chars = f.readChars(Number(cnt));
          success = chars.length > 0;
          v = chars;
        }
      } else {
        if (typeof fmt !== 'string') return argError(L, argn, `string expected, got ${typeNameForError(L, fmt)}`);
        let p = fmt.charCodeAt(0);
        if (p === 42) p = fmt.charCodeAt(1); // '*'
        switch (p) {
          case 110: // 'n'
            v = readNumber(f);
            success = v !== undefined;
            break;
          case 108: { // 'l'
            const line = f.readLine(false);
            success = line !== undefined;
            v = line;
            break;
          }
          case 76: { // 'L'
            const line = f.readLine(true);
            success = line !== undefined;
            v = line;
            break;
          }
          case 97: // 'a'
            v = f.readAll();
            success = true;
            break;
          default:
            return argError(L, argn, 'invalid format');
        }
      }
      stack[base + n++] = v;
    }
  }
  if (f.err !== undefined) return fileFailure(L, base, f.err);
  if (!success) stack[base + n - 1] = undefined;
  return n;
}

function argsFrom(L: LuaThread, base: number, nargs: number, i: number): LuaValue[] {
  const out: LuaValue[] = [];
  for (let k = i; k <= nargs; k++) out.push(L.stack[base + k - 1]);
  return out;
}

const io_read: NativeFn = (L, base, nargs) => gRead(L, base, getIoFile(L, IO_INPUT), L.stack, base, nargs, 1);

const f_read: NativeFn = (L, base, nargs) => {
  const f = toFile(L, base, nargs);
  return gRead(L, base, f, L.stack, base + 1, nargs - 1, 2);
};

const MAXARGLINE = 250;

/** aux_lines: the iterator reading f with the formats; closes f at end of file when toclose. */
function auxLines(L: LuaThread, ud: LuaUserdata, formats: LuaValue[], toclose: boolean): NativeFunction {
  if (formats.length > MAXARGLINE) argError(L, MAXARGLINE + 2, 'too many arguments');
  return new NativeFunction('lines', (L2, base2) => {
    const f = ud.data as LuaFile; // (the closure keeps the userdata alive, as its upvalue in C)
    if (f.closed) return luaError(L2, 'file is already closed');
    const n = gRead(L2, base2, f, formats, 0, formats.length, 2);
    const stack = L2.stack;
    if (stack[base2] !== undefined && stack[base2] !== false) return n;
    if (n > 1) {
      // error information: raise the message
      const msg = stack[base2 + 1];
      return luaError(L2, typeof msg === 'string' ? msg : isNumber(msg) ? numberToString(msg) : '');
    }
    if (toclose) auxClose(L2, base2, f);
    return 0;
  });
}

const f_lines: NativeFn = (L, base, nargs) => {
  toFile(L, base, nargs);
  L.stack[base] = auxLines(L, L.stack[base] as LuaUserdata, argsFrom(L, base, nargs, 2), false);
  return 1;
};

const io_lines: NativeFn = (L, base, nargs) => {
  const v = arg(L, base, nargs, 1);
  const formats = argsFrom(L, base, nargs, 2);
  if (v === undefined) {
    const dflt = L.state.registry.getStr(IO_INPUT);
    const f = toStream(L, dflt, 1, 1);
    if (f.closed) luaError(L, 'attempt to use a closed file');
    L.stack[base] = auxLines(L, dflt as LuaUserdata, formats, false);
    return 1;
  }
  const name = cString(checkString(L, base, nargs, 1)); // a C string in the reference
  const ud = openCheckFile(L, name, 'r');
  const s = L.stack;
  s[base] = auxLines(L, ud, formats, true);
  s[base + 1] = undefined;
  s[base + 2] = undefined;
  s[base + 3] = ud; // the to-be-closed variable of the generic for
  return 4;
};

// ---- writing -----------------------------------------------------------------------------------

/** g_write: the arguments from i on into f; returns the file (at stack[base]) or the error triple. */
function gWrite(L: LuaThread, base: number, nargs: number, f: LuaFile, fileValue: LuaValue, i: number): number {
  // the pieces are written as one: a bad argument first writes the pieces before it
  let out = '';
  for (let k = i; k <= nargs; k++) {
    const v = L.stack[base + k - 1];
    if (typeof v === 'string') out += v;
    else if (isNumber(v)) out += isInteger(v) ? numberToString(v) : fmtG14(v instanceof LuaFloat ? v.n : (v as number));
    else {
      if (out.length > 0) f.write(out);
      checkString(L, base, nargs, k);
    }
  }
  const status = f.write(out);
  if (status) {
    L.stack[base] = fileValue;
    return 1;
  }
  return fileFailure(L, base, f.err);
}

const io_write: NativeFn = (L, base, nargs) => {
  const f = getIoFile(L, IO_OUTPUT);
  return gWrite(L, base, nargs, f, L.state.registry.getStr(IO_OUTPUT), 1);
};

const f_write: NativeFn = (L, base, nargs) => {
  const f = toFile(L, base, nargs);
  return gWrite(L, base, nargs, f, L.stack[base], 2);
};

const f_seek: NativeFn = (L, base, nargs) => {
  const f = toFile(L, base, nargs);
  const whence = checkOption(L, base, nargs, 2, 'cur', ['set', 'cur', 'end']) as Whence;
  const off = optInteger(L, base, nargs, 3, 0);
  if (typeof off === 'bigint') argError(L, 3, 'not an integer in proper range');
  f.err = undefined;
  const r = f.seek(whence, off as number);
  if ('error' in r) return fileFailure(L, base, r.error);
  L.stack[base] = r.pos;
  return 1;
};

const f_setvbuf: NativeFn = (L, base, nargs) => {
  const f = toFile(L, base, nargs);
  const mode = checkOption(L, base, nargs, 2, undefined, ['no', 'full', 'line']) as BufMode;
  const size = optInteger(L, base, nargs, 3, DEFAULT_WRITE_LIMIT);
  if (!f.flushWrites()) return fileFailure(L, base, f.err);
  f.bufMode = mode;
  f.writeLimit = typeof size === 'number' && size > 0 ? Math.min(size, 1 << 24) : DEFAULT_WRITE_LIMIT;
  if (f.standard && f.sinkOf !== undefined && f.fd === 1 && mode !== 'full') unbufferPrint(L.state, f);
  return fileSuccess(L, base);
};

const WRAPPED = Symbol('moonlet.io.setvbuf');

/**
 * setvbuf on io.stdout changes C's stdout, which print writes to as well: wrap the state's
 * stdout sink so every write (print's too) is flushed as the file's mode asks.
 */
function unbufferPrint(S: LuaState, f: LuaFile): void {
  const sink = S.stdout as OutSink & { [WRAPPED]?: true };
  if (sink[WRAPPED] === true || typeof sink.flush !== 'function') return;
  const flush = sink.flush.bind(sink);
  const wrapped = ((bytes: string): void => {
    sink(bytes);
    if (f.bufMode === 'no' || (f.bufMode === 'line' && bytes.includes('\n'))) flush();
  }) as OutSink & { [WRAPPED]?: true };
  wrapped.flush = flush;
  wrapped[WRAPPED] = true;
  S.stdout = wrapped;
}

function flushResult(L: LuaThread, base: number, f: LuaFile): number {
  f.err = undefined;
  if (!f.flushWrites()) return fileFailure(L, base, f.err);
  return fileSuccess(L, base);
}

const io_flush: NativeFn = (L, base) => flushResult(L, base, getIoFile(L, IO_OUTPUT));

const f_flush: NativeFn = (L, base, nargs) => flushResult(L, base, toFile(L, base, nargs));

/** g_iofile: io.input / io.output. */
function gIoFile(which: typeof IO_INPUT | typeof IO_OUTPUT, mode: string): NativeFn {
  return (L, base, nargs) => {
    const v = arg(L, base, nargs, 1);
    if (v !== undefined) {
      let file: LuaValue;
      if (typeof v === 'string' || isNumber(v)) file = openCheckFile(L, cString(checkString(L, base, nargs, 1)), mode);
      else {
        toFile(L, base, nargs);
        file = v;
      }
      L.state.registry.setStr(which, file);
    }
    L.stack[base] = L.state.registry.getStr(which);
    return 1;
  };
}

// ---- the library ---------------------------------------------------------------------------------

/** Open the io library (luaopen_io): the functions, the FILE* metatable, the standard files. */
export function openIo(S: LuaState): void {
  installExitHook();
  const lib = newLib({
    close: io_close,
    flush: io_flush,
    input: gIoFile(IO_INPUT, 'r'),
    lines: io_lines,
    open: io_open,
    output: gIoFile(IO_OUTPUT, 'w'),
    popen: io_popen,
    read: io_read,
    tmpfile: io_tmpfile,
    type: io_type,
    write: io_write,
  });
  const methods = newLib({
    close: f_close,
    flush: f_flush,
    lines: f_lines,
    read: f_read,
    seek: f_seek,
    setvbuf: f_setvbuf,
    write: f_write,
  });
  const meta = newLib({ __gc: f_gc, __close: f_gc, __tostring: f_tostring });
  meta.setStr('__index', methods);
  meta.setStr('__name', FILEHANDLE);
  S.registry.setStr(FILEHANDLE, meta);

  // stdin is read at the descriptor's own offset (never positionally): the command may have
  // read a script from it already (`moonlet - < file`)
  sharedStdin ??= new LuaFile(0, true, false, false, false, undefined, true);
  const stdout = new LuaFile(1, false, true, false, isRegularFile(1), () => S.stdout as OutSink, true);
  const stderr = new LuaFile(2, false, true, false, isRegularFile(2), () => S.stderr as OutSink, true);
  stderr.bufMode = 'no';
  const stdinUd = newFileUd(S, sharedStdin);
  const stdoutUd = newFileUd(S, stdout);
  lib.setStr('stdin', stdinUd);
  lib.setStr('stdout', stdoutUd);
  lib.setStr('stderr', newFileUd(S, stderr));
  S.registry.setStr(IO_INPUT, stdinUd);
  S.registry.setStr(IO_OUTPUT, stdoutUd);
  registerLib(S, 'io', lib);
}

