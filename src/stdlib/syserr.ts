// System error results shared by the io and os libraries: errno numbers and strerror texts
// (glibc's, for the Node.js error codes), and lauxlib's luaL_fileresult / luaL_execresult.

import type { LuaValue } from '../runtime/value.js';
import type { LuaThread } from '../vm/state.js';

/** errno values (Linux) and strerror texts (glibc) by Node.js error code. */
const ERRNO: Record<string, [number, string]> = {
  EPERM: [1, 'Operation not permitted'],
  ENOENT: [2, 'No such file or directory'],
  ESRCH: [3, 'No such process'],
  EINTR: [4, 'Interrupted system call'],
  EIO: [5, 'Input/output error'],
  ENXIO: [6, 'No such device or address'],
  E2BIG: [7, 'Argument list too long'],
  ENOEXEC: [8, 'Exec format error'],
  EBADF: [9, 'Bad file descriptor'],
  ECHILD: [10, 'No child processes'],
  EAGAIN: [11, 'Resource temporarily unavailable'],
  ENOMEM: [12, 'Cannot allocate memory'],
  EACCES: [13, 'Permission denied'],
  EFAULT: [14, 'Bad address'],
  EBUSY: [16, 'Device or resource busy'],
  EEXIST: [17, 'File exists'],
  EXDEV: [18, 'Invalid cross-device link'],
  ENODEV: [19, 'No such device'],
  ENOTDIR: [20, 'Not a directory'],
  EISDIR: [21, 'Is a directory'],
  EINVAL: [22, 'Invalid argument'],
  ENFILE: [23, 'Too many open files in system'],
  EMFILE: [24, 'Too many open files'],
  ENOTTY: [25, 'Inappropriate ioctl for device'],
  ETXTBSY: [26, 'Text file busy'],
  EFBIG: [27, 'File too large'],
  ENOSPC: [28, 'No space left on device'],
  ESPIPE: [29, 'Illegal seek'],
  EROFS: [30, 'Read-only file system'],
  EMLINK: [31, 'Too many links'],
  EPIPE: [32, 'Broken pipe'],
  ERANGE: [34, 'Numerical result out of range'],
  ENAMETOOLONG: [36, 'File name too long'],
  ENOTEMPTY: [39, 'Directory not empty'],
  ELOOP: [40, 'Too many levels of symbolic links'],
  EOVERFLOW: [75, 'Value too large for defined data type'],
  EDQUOT: [122, 'Disk quota exceeded'],
};

/** A system error raised by our own checks (not by Node.js): { code } is enough. */
export function sysError(code: string): { code: string } {
  return { code };
}

/** [errno, strerror text] of a Node.js system error (or of sysError(code)). */
export function errnoOf(e: unknown): [number, string] {
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && ERRNO[code] !== undefined) return ERRNO[code];
  const num = (e as { errno?: unknown } | null)?.errno;
  const msg = (e as { message?: unknown } | null)?.message;
  return [typeof num === 'number' ? Math.abs(num) : 0, typeof msg === 'string' ? msg : String(e)];
}

/** Node.js errors are JS objects with a string `code` ("ENOENT"); anything else is a bug. */
export function isSystemError(e: unknown): boolean {
  return typeof (e as { code?: unknown } | null)?.code === 'string';
}

/**
 * luaL_fileresult for a failure: nil, "fname: message" (or "message" without fname), errno;
 * written at stack[base..]. Returns the result count (3).
 */
export function fileFailure(L: LuaThread, base: number, e: unknown, fname?: string): number {
  const [errno, text] = errnoOf(e);
  const s = L.stack;
  s[base] = undefined;
  s[base + 1] = fname !== undefined ? `${fname}: ${text}` : text;
  s[base + 2] = errno;
  return 3;
}

/** luaL_fileresult for a success: true. */
export function fileSuccess(L: LuaThread, base: number): number {
  L.stack[base] = true;
  return 1;
}

/** Exit status of a child process: normal exit with a code, or the signal that ended it. */
export type ExitStatus = { kind: 'exit'; code: number } | { kind: 'signal'; signal: number };

/** luaL_execresult: true|nil, "exit"|"signal", code. */
export function execResult(L: LuaThread, base: number, st: ExitStatus): number {
  const s = L.stack;
  const ok: LuaValue = st.kind === 'exit' && st.code === 0 ? true : undefined;
  s[base] = ok;
  s[base + 1] = st.kind;
  s[base + 2] = st.kind === 'exit' ? st.code : st.signal;
  return 3;
}

/** The shell commands run with (as system() and popen() do). */
export const SHELL = '/bin/sh';

/** A command string (Lua bytes) as text for child_process (bytes are read as UTF-8). */
export function commandText(cmd: string): string {
  return Buffer.from(cmd, 'latin1').toString('utf8');
}

/** The ExitStatus of a finished spawnSync child. */
export function exitStatusOf(r: { status: number | null; signal: NodeJS.Signals | null }, signals: Record<string, number>): ExitStatus {
  if (r.signal !== null) return { kind: 'signal', signal: signals[r.signal] ?? 0 };
  return { kind: 'exit', code: r.status ?? 0 };
}
