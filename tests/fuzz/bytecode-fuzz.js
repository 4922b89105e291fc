#!/usr/bin/env node
// Bytecode fuzzer: mutates valid binary chunks (string.dump output of the seed programs below)
// and loads/runs each result in a fresh Lua state under a small instruction budget. Every input
// must be rejected by the verifier ("bad binary format"), run to a result, or end in a Lua
// error; anything else — a JavaScript exception escaping load or pcall, or an input that runs
// longer than the hang threshold — is a failure, printed with its seed and iteration so it can
// be reproduced.
//
//   node tests/fuzz/bytecode-fuzz.js [seed] [iterations] [--only=N] [--reasons] [--slow=MS] [--verbose]
//   (--only=N replays iteration N of the seed alone; --reasons lists the most frequent
//   rejection reasons and Lua errors; --slow=MS lists the inputs that ran longer than MS)
//
// prints: iterations=... rejected=... ok=... lua-error=... crash=... hang=... slowest=...ms
// Exit status 1 if there was a crash or a hang. The build (dist/) must be current (npm run build).
//
// Mutations (chosen at random per input): byte-level (bit flips, random bytes, truncation,
// duplicated or deleted spans, applied to the dump's bytes), and structural (a random
// instruction replaced or one operand changed, a random opcode, swapped instructions, a
// changed frame size/parameter count/constant/upvalue descriptor, applied to the Proto and then
// dumped without verification, so they get past the header checks and exercise the verifier).
//
// Bounds: a fresh state per input; S.setInstructionLimit(BUDGET) safe-point ticks (backward
// jumps and calls); libraries whose one call can run unboundedly long or allocate unboundedly
// (string.rep, table.move, load, collectgarbage; io, os, debug, package) are removed from the state, and
// print writes nowhere.

import { fileURLToPath } from 'node:url';
import { LuaState } from '../../dist/vm/state.js';
import { openLibs } from '../../dist/stdlib/index.js';
import { loadChunk } from '../../dist/stdlib/base.js';
import { compile } from '../../dist/frontend/index.js';
import { dumpProto } from '../../dist/bytecode/dump.js';
import { undump } from '../../dist/bytecode/undump.js';
import { OPCODES } from '../../dist/bytecode/opcodes.js';

export const BUDGET = 3000;
/** An input running longer than this (ms) counts as a hang. */
export const HANG_MS = 2000;

export const SEED_PROGRAMS = [
  // arithmetic, comparisons, constants of every kind
  `local a, b = 7, 3
   local t = {a + b, a - b, a * b, a / b, a // b, a % b, a ^ 2, -a, a & b, a | b, a ~ b, ~a, a << 2, a >> 1}
   local x = 2^53 + 1 local y = 9007199254740993 local f = 0.5 local z = -0.0
   if a < b then t[#t+1] = 1 elseif a <= b then t[#t+1] = 2 elseif a == 7 then t[#t+1] = 3 end
   if a > 100 or b >= 3 and not (a ~= 7) then t[#t+1] = 'x' end
   local s = 0 for i = 1, #t do s = s + (tonumber(t[i]) or 0) end
   return s, x, y, f, z, a + 1, a - 1, 10 - a, a * 3.5, 1 < a, 2 >= a, a == 8, a ~= 9, a > 1.5`,
  // tables, fields, methods, SETLIST, string constants
  `local t = {1, 2, 3, n = 'x', [10] = true, sub = {k = 'v'}}
   t.a = 5 t[1] = t[2] + t[3] t.sub.k = t.n .. '!' t[false] = 1
   local o = {v = 3} function o:get(k) return self.v + k end
   local u = setmetatable({}, {__index = function(_, k) return k .. '?' end, __add = function() return 42 end})
   local big = {1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53}
   return #t, t.a, o:get(2), u.zz, u + 1, #big, t.sub.k, select('#', table.unpack({1, 2, 3}))`,
  // closures, upvalues, varargs, recursion, tail calls
  `local function counter() local n = 0 return function(d) n = n + (d or 1) return n end end
   local c = counter() c() c(5)
   local function sum(...) local s = 0 for _, v in ipairs({...}) do s = s + v end return s, select('#', ...) end
   local function fact(n) if n <= 1 then return 1 end return n * fact(n - 1) end
   local function tail(n, acc) if n == 0 then return acc end return tail(n - 1, acc + n) end
   local function pass(...) return ... end
   print(pass(1, 2, 3), sum(pass(4, 5, 6)))
   return c(), sum(1, 2, 3), fact(10), tail(50, 0), {pass(7, 8)}`,
  // loops: numeric (int/float), generic, while, repeat, goto, break
  `local r = {}
   for i = 1, 10, 3 do r[#r+1] = i end
   for x = 1.0, 2.0, 0.25 do r[#r+1] = x end
   for i = 10, 1, -2 do r[#r+1] = i end
   for k, v in pairs({a = 1, b = 2}) do r[#r+1] = k end
   local i = 0 while i < 5 do i = i + 1 if i == 4 then break end end
   repeat i = i - 1 until i <= 0
   for j = 1, 3 do for k = 1, 3 do if k == 2 then goto continue end r[#r+1] = j * k ::continue:: end end
   return #r, i`,
  // errors, pcall, to-be-closed variables, coroutines
  `local ok, e = pcall(function() local x = nil return x.y end)
   local ok2, e2 = pcall(error, {code = 1})
   local log = {}
   do local c <close> = setmetatable({}, {__close = function() log[#log+1] = 'closed' end}) end
   local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
   local v1 = co(1) local v2 = co(10)
   local ok3, e3 = pcall(function() error('boom', 0) end)
   local s = tostring(12) .. tostring(1.5) .. string.format('%d %s', 3, 'x') .. ('abc'):upper() .. #'xyz'
   return ok, e, ok2, e2.code, log[1], v1, v2, e3, s, string.byte('A')`,
  // strings and string library (no rep), integer/float conversions, math
  `local s = 'hello world'
   local a = s:sub(1, 5) .. '-' .. s:len() .. s:byte(1) .. string.char(65, 66)
   local f = string.format('%5.2f|%x|%q', 3.14159, 255, 'a\\nb')
   local n = math.floor(3.7) + math.max(1, 9, 4) + math.tointeger(8.0) + (7 // 2.0)
   local m = {math.huge, -math.huge, math.pi, math.type(1), math.type(1.0), 1e300 * 1e10, 3 % -2, -3 % 2.0}
   return a, f, n, #m, s:find('wor', 1, true), tostring(nil) .. tostring(true)`,
];

/** mulberry32: a small seeded PRNG (uint32 state). */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Valid dumps of the seed programs (each with and without debug information). */
export function seedChunks() {
  const out = [];
  SEED_PROGRAMS.forEach((src, i) => {
    const p = compile(src, `=seed${i}`);
    out.push(dumpProto(p, false), dumpProto(p, true));
  });
  return out;
}

const int = (r, n) => Math.floor(r() * n);

function allProtos(p, list = []) {
  list.push(p);
  for (const q of p.protos) allProtos(q, list);
  return list;
}

/** Byte-level mutation of a chunk string. */
function mutateBytes(r, s) {
  const bytes = Array.from(s, (c) => c.charCodeAt(0));
  const kind = int(r, 6);
  const n = 1 + int(r, 4);
  for (let j = 0; j < n; j++) {
    const pos = int(r, bytes.length);
    switch (kind) {
      case 0: case 1: bytes[pos] ^= 1 << int(r, 8); break; // bit flip
      case 2: bytes[pos] = int(r, 256); break; // random byte
      case 3: bytes.length = pos; return String.fromCharCode(...bytes); // truncation
      case 4: bytes.splice(pos, 1 + int(r, 8)); break; // delete a span
      default: bytes.splice(pos, 0, ...bytes.slice(pos, pos + 1 + int(r, 8))); break; // duplicate a span
    }
    if (bytes.length === 0) break;
  }
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.slice(i, i + 8192));
  return out;
}

/** A random field value: mostly small (likely in range), sometimes anything. */
function fieldValue(r, max) {
  const x = r();
  if (x < 0.6) return int(r, 12);
  if (x < 0.8) return Math.max(0, max - int(r, 4));
  return int(r, max + 1);
}

/**
 * A random instruction whose operands are mostly in range for p (registers below the frame
 * size, constant/upvalue/prototype indices that exist, jumps to nearby instructions), so that
 * many get past the verifier and exercise the interpreter with unusual but valid code.
 */
function plausibleInstruction(r, p, pc) {
  const info = OPCODES[int(r, OPCODES.length)];
  const pick = (kind, max) => {
    switch (kind) {
      case 'R': return int(r, Math.max(1, p.maxstacksize));
      case 'K': return int(r, Math.max(1, p.constants.length));
      case 'U': return int(r, Math.max(1, p.upvalues.length));
      case 'P': return int(r, Math.max(1, p.protos.length));
      case 'k': return int(r, 2);
      case 'J': return Math.max(0, Math.min(max, 8388607 + int(r, 9) - 4)); // sJ near 0
      case 'X': return 0;
      default: return r() < 0.8 ? int(r, 4) : int(r, max + 1);
    }
  };
  const k = info.operands;
  switch (info.format) {
    case 'ABC': return (info.op | (pick(k[0], 255) << 8) | (pick(k[1], 255) << 16) | (pick(k[2], 255) << 24)) | 0;
    case 'ABx': case 'AsBx': {
      const bx = info.name.startsWith('FOR') || info.name.startsWith('TFOR') ? int(r, Math.min(pc + 2, 6)) : pick(k[1], 65535);
      return (info.op | (pick(k[0], 255) << 8) | (bx << 16)) | 0;
    }
    default: return (info.op | (pick(k[0], 16777215) << 8)) | 0;
  }
}

/** Structural mutation: change the Proto tree of a valid chunk, then dump it unverified. */
function mutateProto(r, chunk) {
  const main = undump(chunk);
  const protos = allProtos(main);
  const n = 1 + int(r, 3);
  for (let j = 0; j < n; j++) {
    const p = protos[int(r, protos.length)];
    const code = p.code;
    const pc = int(r, code.length);
    const kind = int(r, 13);
    if (kind >= 10) {
      code[pc] = plausibleInstruction(r, p, pc);
    } else if (kind <= 3) {
      // change one field of an instruction: op (8 bits), A (8), B (8), C (8), Bx (16), Ax/sJ (24)
      const ins = code[pc];
      const which = int(r, 6);
      const shifts = [[0, 0xff], [8, 0xff], [16, 0xff], [24, 0xff], [16, 0xffff], [8, 0xffffff]][which];
      const [sh, mask] = shifts;
      let v;
      if (which === 0) v = int(r, OPCODES.length + 3);
      else if (which >= 4 && r() < 0.7) v = (((ins >>> sh) & mask) + int(r, 9) - 4) & mask; // near jump offsets
      else v = fieldValue(r, mask);
      code[pc] = ((ins & ~(mask << sh)) | (v << sh)) | 0;
    } else if (kind === 4) {
      code[pc] = r() < 0.3 ? (int(r, 0x10000) | (int(r, 0x10000) << 16)) | 0 : plausibleInstruction(r, p, pc); // random word
    } else if (kind === 5) {
      const pc2 = int(r, code.length);
      [code[pc], code[pc2]] = [code[pc2], code[pc]];
    } else if (kind === 6) {
      p.maxstacksize = fieldValue(r, 255);
      if (r() < 0.5) p.numparams = fieldValue(r, 255);
    } else if (kind === 7 && p.constants.length > 0) {
      const vals = [undefined, true, 0, 1.5, 'x', 2n ** 62n, -1, 'print', '__index'];
      p.constants[int(r, p.constants.length)] = vals[int(r, vals.length)];
    } else if (kind === 8 && p.upvalues.length > 0) {
      const u = p.upvalues[int(r, p.upvalues.length)];
      if (r() < 0.5) u.instack = !u.instack;
      else u.index = fieldValue(r, 255);
    } else {
      // cut or extend the code
      if (r() < 0.5 && code.length > 1) p.code = code.slice(0, int(r, code.length));
      else {
        const c2 = new Int32Array(code.length + 1);
        c2.set(code);
        c2[code.length] = code[int(r, code.length)];
        p.code = c2;
      }
      if (p.lineinfo.length > 0) p.lineinfo = new Int32Array(p.code.length).fill(1);
    }
  }
  return dumpProto(main, false);
}

/** A fresh state whose every call is bounded in time and memory (see the header). */
function freshState() {
  const S = new LuaState();
  S.stdout = () => {};
  S.stderr = () => {};
  openLibs(S);
  const G = S.globals;
  for (const name of ['load', 'loadfile', 'dofile', 'require', 'collectgarbage', 'io', 'os', 'debug', 'package']) G.setStr(name, undefined);
  const str = G.getStr('string');
  if (str !== undefined) str.setStr('rep', undefined);
  const tab = G.getStr('table');
  if (tab !== undefined) for (const name of ['move']) tab.setStr(name, undefined);
  S.setInstructionLimit(BUDGET);
  return S;
}

/**
 * Load and run one chunk: { kind: 'rejected' | 'ok' | 'lua-error', message }; throws on a crash
 * (a JS exception, or a load failure that is not a format error).
 */
export function runChunk(chunk) {
  const S = freshState();
  const r = loadChunk(S, chunk, '=fuzz', 'b');
  if (!r.ok) {
    if (typeof r.error !== 'string' || !/bad binary format|attempt to load a text chunk/.test(r.error)) {
      throw new Error(`load failed without a format error: ${String(r.error)}`);
    }
    return { kind: 'rejected', message: r.error };
  }
  const res = S.mainThread.pcall(r.fn, []);
  return res.ok ? { kind: 'ok' } : { kind: 'lua-error', message: String(res.values[0]) };
}

/**
 * Run `iterations` mutated inputs from `seed`. Returns the counts and the first failures
 * (crashes and hangs, with the iteration that reproduces them).
 */
export function fuzz(seed, iterations, opts = {}) {
  const seeds = seedChunks();
  const counts = { iterations: 0, rejected: 0, ok: 0, 'lua-error': 0, crash: 0, hang: 0, slowestMs: 0 };
  const failures = [];
  const first = opts.only ?? 0;
  const end = opts.only !== undefined ? opts.only + 1 : iterations;
  for (let it = first; it < end; it++) {
    // each input has its own PRNG stream, so one iteration can be replayed alone (--first)
    const r = rng((seed * 1000003 + it) >>> 0);
    const base = seeds[int(r, seeds.length)];
    let chunk;
    try {
      chunk = r() < 0.5 ? mutateBytes(r, base) : mutateProto(r, base);
    } catch (e) {
      counts.crash++;
      failures.push({ it, error: `mutator: ${e.stack ?? e}` });
      continue;
    }
    const t0 = performance.now();
    try {
      const res = runChunk(chunk);
      counts[res.kind]++;
      if (opts.reasons !== undefined && res.message !== undefined) {
        const key = `${res.kind}: ${res.message.replace(/\d+/g, 'N')}`;
        opts.reasons.set(key, (opts.reasons.get(key) ?? 0) + 1);
      }
    } catch (e) {
      counts.crash++;
      if (failures.length < 20) failures.push({ it, error: e instanceof Error ? e.stack ?? e.message : String(e) });
    }
    const ms = performance.now() - t0;
    if (ms > counts.slowestMs) counts.slowestMs = ms;
    if (opts.slowMs !== undefined && ms > opts.slowMs) console.error(`slow: seed=${seed} iteration=${it} ${ms.toFixed(0)} ms`);
    if (ms > HANG_MS) {
      counts.hang++;
      if (failures.length < 20) failures.push({ it, error: `ran ${ms.toFixed(0)} ms` });
    }
    counts.iterations++;
    if (opts.verbose && it % 10000 === 0) process.stderr.write(`${it}...\n`);
  }
  counts.slowestMs = Math.round(counts.slowestMs);
  return { counts, failures };
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const seed = Number(args[0] ?? 1);
  const iterations = Number(args[1] ?? 10000);
  const only = process.argv.find((a) => a.startsWith('--only='));
  const reasons = process.argv.includes('--reasons') ? new Map() : undefined;
  const slow = process.argv.find((a) => a.startsWith('--slow='));
  const { counts, failures } = fuzz(seed, iterations, {
    verbose: process.argv.includes('--verbose'),
    only: only !== undefined ? Number(only.slice(7)) : undefined,
    reasons,
    slowMs: slow !== undefined ? Number(slow.slice(7)) : undefined,
  });
  if (reasons !== undefined) {
    for (const [k, n] of [...reasons].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(String(n).padStart(8), k);
  }
  for (const f of failures) console.error(`FAIL seed=${seed} iteration=${f.it}: ${f.error}`);
  console.log(`seed=${seed} iterations=${counts.iterations} rejected=${counts.rejected} ok=${counts.ok} ` +
    `lua-error=${counts['lua-error']} crash=${counts.crash} hang=${counts.hang} slowest=${counts.slowestMs}ms`);
  process.exit(counts.crash + counts.hang > 0 ? 1 : 0);
}
