// Synchronous output sinks for the `moonlet` command.
//
// Everything is written with fs.writeSync, so nothing is lost when the process exits (os.exit,
// errors) — process.stdout.write may be asynchronous on pipes. Standard output to a terminal is
// written at once; to a pipe or a file it is buffered (like C stdio) and flushed when the buffer
// is full, when output has been pending for FLUSH_MS, before anything is written to standard
// error (so both streams keep their relative order), before the REPL reads a line, and at exit.
// `flush` is also attached to the sink function (S.stdout.flush), for libraries that block (io.read
// on stdin, os.execute) to call first.

import { writeSync } from 'node:fs';
import { isatty } from 'node:tty';

const BUFFER_LIMIT = 1 << 16;
const FLUSH_MS = 50;

function sleepMs(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

let exiting = false;

/**
 * Write all of buf to fd, retrying on EAGAIN (a non-blocking descriptor) and partial writes.
 * When the reader has gone away (EPIPE: `moonlet x.lua | head -1`) the process ends with status
 * 141, as a C program killed by SIGPIPE (Node.js ignores the signal itself).
 */
export function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EAGAIN') {
        sleepMs(1);
        continue;
      }
      if (code === 'EPIPE') {
        if (!exiting) {
          exiting = true;
          process.exit(141);
        }
        return;
      }
      throw e;
    }
  }
}

export interface Sink {
  (bytes: string): void;
  flush(): void;
}

/** A sink for file descriptor fd writing Lua byte strings (latin1). */
export function makeSink(fd: number, buffered: boolean, before?: () => void): Sink {
  let pending: string[] = [];
  let size = 0;
  let since = 0;
  const flush = (): void => {
    if (size === 0) return;
    const data = pending.length === 1 ? pending[0] : pending.join('');
    pending = [];
    size = 0;
    writeAll(fd, Buffer.from(data, 'latin1'));
  };
  const sink = ((bytes: string): void => {
    if (before !== undefined) before();
    if (!buffered) {
      writeAll(fd, Buffer.from(bytes, 'latin1'));
      return;
    }
    if (size === 0) since = Date.now();
    pending.push(bytes);
    size += bytes.length;
    if (size >= BUFFER_LIMIT || Date.now() - since >= FLUSH_MS) flush();
  }) as Sink;
  sink.flush = flush;
  return sink;
}

/** The standard output and error sinks of the command; stdout is flushed at process exit. */
export function standardSinks(): { stdout: Sink; stderr: Sink } {
  const stdout = makeSink(1, !isatty(1));
  const stderr = makeSink(2, false, stdout.flush);
  process.on('exit', () => {
    exiting = true;
    try {
      stdout.flush();
    } catch {
      // nothing more can be done at exit
    }
  });
  return { stdout, stderr };
}
