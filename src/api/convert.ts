// Byte strings <-> JS strings, and small helpers shared by the API files.

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');
const ASCII = /^[\x00-\x7f]*$/;

/** Bytes (one char per byte) from a Uint8Array. */
export function bytesToLua(b: Uint8Array): string {
  let s = '';
  const CHUNK = 8192;
  for (let i = 0; i < b.length; i += CHUNK) {
    s += String.fromCharCode.apply(null, Array.from(b.subarray(i, Math.min(b.length, i + CHUNK))));
  }
  return s;
}

/** A JS string as a Lua byte string (UTF-8). */
export function encodeUtf8(s: string): string {
  if (ASCII.test(s)) return s;
  return bytesToLua(encoder.encode(s));
}

/** A Lua byte string as bytes. */
export function luaToBytes(s: string): Uint8Array {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return b;
}

/** A Lua byte string as a JS string (UTF-8; invalid sequences become U+FFFD). */
export function decodeUtf8(s: string): string {
  if (ASCII.test(s)) return s;
  return decoder.decode(luaToBytes(s));
}

export function isThenable(v: unknown): v is PromiseLike<unknown> {
  return (typeof v === 'object' || typeof v === 'function') && v !== null
    && typeof (v as { then?: unknown }).then === 'function';
}

/** Schedule f on the next turn of the event loop (after I/O and timers get a chance). */
export const nextTurn: (f: () => void) => void = typeof setImmediate === 'function'
  ? (f) => {
    setImmediate(f);
  }
  : (f) => {
    setTimeout(f, 0);
  };
