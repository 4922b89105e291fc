// Chunk names as shown in messages: the reference's luaO_chunkid with LUA_IDSIZE 60.
//
//   "=name"   -> "name", cut to its first 59 chars
//   "@file"   -> "file", or "..." + its last 56 chars when longer than 59
//   otherwise -> [string "source"]: kept whole when it is one line shorter than 45 chars, else
//                cut at the first newline and at 45 chars, with "..." added
//
// The reference receives chunk names as C strings, so a name is cut at its first '\0'.

/** LUA_IDSIZE: size of the reference's buffer, including its terminating '\0'. */
const IDSIZE = 60;
const RETS = '...';
const PRE = '[string "';
const POS = '"]';

export function chunkId(source: string): string {
  const nul = source.indexOf('\0');
  if (nul >= 0) source = source.slice(0, nul);
  const first = source.charCodeAt(0);
  if (first === 61 /* = */) return source.slice(1, IDSIZE);
  if (first === 64 /* @ */) {
    if (source.length <= IDSIZE) return source.slice(1);
    return RETS + source.slice(source.length - (IDSIZE - 1 - RETS.length));
  }
  const room = IDSIZE - (PRE.length + RETS.length + POS.length) - 1; // 45
  const nl = source.indexOf('\n');
  if (nl < 0 && source.length < room) return PRE + source + POS;
  const line = nl >= 0 ? source.slice(0, nl) : source;
  return PRE + line.slice(0, room) + RETS + POS;
}
