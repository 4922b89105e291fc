#!/usr/bin/env node
// Differential fuzzer of library calls: generates Lua programs that call the deterministic
// standard-library functions with random argument lists drawn from an adversarial pool, runs
// each program under moonlet (bin/moonlet.js) and lua5.4, and compares stdout, stderr and exit
// status. Every call is `P(i, pcall(f, ...))`; P prints the call number and each result through
// a formatter that normalises addresses (tables/functions/threads print as their type name), so
// the two outputs are comparable line by line. On a difference the program is saved and
// minimised to the single differing call (prelude + that call), falling back to the prefix of
// calls up to it when the call alone does not reproduce.
//
//   node tests/fuzz/libfuzz.js [seed] [count] [--calls=N] [--out=DIR] [--quiet]
//
// prints one line per difference (function, minimal program path) and a summary
//   programs=... calls=... differences=... skipped=...
// Exit status 1 if there was a difference. The build (dist/) must be current (npm run build).
//
// Excluded on purpose (the reference is nondeterministic or differs for documented reasons):
// os.time()/os.clock()/os.date() without a fixed time, os.tmpname, os.remove/rename/execute/
// exit/setlocale, io on paths (open/lines/input/output/popen/close), print (addresses),
// math.random before a fixed randomseed, collectgarbage("count"), string.dump output (our
// bytecode format is our own: only the result's type is printed), debug.sethook/debug.debug/
// debug.setmetatable (they change the behaviour of everything that follows), package.loadlib
// (no C modules), `#t` / next order on tables with holes or several hash keys (the pool's
// tables are sequences or have at most one hash key; results print only their sequence part).

import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const MOONLET = join(ROOT, 'bin/moonlet.js');
const TIMEOUT_MS = 10000;

/** xorshift32: a small deterministic PRNG, so a seed reproduces a program exactly. */
export function makeRng(seed) {
  let x = (seed >>> 0) || 0x9e3779b9;
  const next = () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
  };
}

// The adversarial pool, as Lua expressions evaluated once in the prelude into V[1..n].
// Keep every entry deterministic in both interpreters.
export const POOL = [
  'nil', 'true', 'false', '0', '-0.0', '1', '-1', '2', '3', '2^31', '2147483648', '2^53',
  'math.maxinteger', 'math.mininteger', '0.5', '-2.5', '1e308', '-1e308', '1/0', '-1/0', '0/0',
  '""', '"10"', '"0x10"', '" 5 "', '"abc"', '"a\\0b"', '"\\200\\255x"', 'string.rep("xy", 300)',
  '"%"', '"["', '"("', '"%b"', '"%f"', '"(()"', '"%d"', '"1e2"', '"-0x7fffffffffffffff"',
  '"9223372036854775808"', '"  0x1p4  "', '"\\u{10FFFF}"', '"\\xF4\\x90\\x80\\x80"',
  '{}', '{1, 2, 3}', '{"b", "a", "c"}', '{n = 2}', '{1.5, "x", true}',
  'setmetatable({}, {__index = function(t, k) return k end})',
  'setmetatable({}, {__len = function() return 3 end})',
  'setmetatable({}, {__len = function() return "x" end})',
  'setmetatable({}, {__tostring = function() return "TS" end})',
  'setmetatable({}, {__tostring = function() return 42 end})',
  'setmetatable({}, {__name = "MyType"})',
  'setmetatable({}, {__name = "a\\0b"})',
  'setmetatable({}, {__eq = function() return true end, __lt = function() return true end, __le = function() return false end})',
  'setmetatable({}, {__index = function() error("idx") end, __newindex = function() error("nidx") end})',
  'setmetatable({}, {__call = function(self, a) return a end})',
  'setmetatable({}, {__metatable = "locked"})',
  'function() end', 'function(...) return ... end', 'function() return 1, 2, 3 end',
  'function() error("boom") end', 'function() error({}) end', 'function() error() end',
  'function(a, b) return a < b end', 'function() return true end', 'function() return nil end',
  // returns "x" twice, then nothing (a reader returning "x" forever makes load run unboundedly)
  '(function() local n = 0 return function() n = n + 1 if n < 3 then return "x" end end end)()',
  'coroutine.create(function() end)', 'coroutine.create(function(...) coroutine.yield(...) return 7 end)',
  'DEAD', 'coroutine.running()', 'tostring', 'string.len', 'io.stdout',
];

// Values bound before the pool: a dead coroutine.
const PRELUDE_HEAD = `local DEAD = coroutine.create(function() end) coroutine.resume(DEAD)
math.randomseed(42)
`;

// The formatter: type names for reference values, numbers with their subtype and a %.17g form,
// strings escaped (bytes outside printable ASCII as \\ddd) and truncated, tables as their
// sequence part (raw, at most 6 elements) plus a raw .n field.
const FORMATTER = `
local function esc(s)
  local n = #s
  if n > 80 then s = s:sub(1, 80) end
  -- math.atan2 is math.atan: which name an error message finds depends on hash order
  s = s:gsub("0x%x%x%x%x+", "0x?"):gsub("'math%.atan2'", "'math.atan'"):gsub("[^ -~]", function(c) return "\\\\" .. c:byte() end)
  if n > 80 then s = s .. "...#" .. n end
  return '"' .. s .. '"'
end
local function fmt(v, deep)
  local t = type(v)
  if t == "string" then return esc(v)
  elseif t == "number" then
    if math.type(v) == "integer" then return "i" .. tostring(v) end
    return "f" .. tostring(v) .. "/" .. string.format("%.17g", v)
  elseif t == "table" and not deep then
    local parts = {}
    for i = 1, 6 do local e = rawget(v, i) if e == nil then break end parts[#parts + 1] = fmt(e, true) end
    local n = rawget(v, "n")
    if n ~= nil then parts[#parts + 1] = "n=" .. fmt(n, true) end
    return "{" .. table.concat(parts, ",") .. "}"
  elseif t == "nil" or t == "boolean" then return tostring(v)
  else return t end
end
local function P(i, ...)
  local n = select("#", ...)
  local out = {"#" .. i, n}
  for k = 1, math.min(n, 8) do out[#out + 1] = fmt((select(k, ...))) end
  io.write(table.concat(out, " "), "\\n")
end
`;

// Argument hints per function: with some probability an argument comes from the hint list of its
// position instead of the pool, so calls get past the first checks. Hints are Lua expressions.
const STR = ['"hello world"', '"abc"', '""', '"a\\0b"', '"\\200x"', '"10"', '" 5 "', '"0x10"', '"ÅÄö"'];
const PAT = ['"%a+"', '"(o)(r)"', '"%b()"', '"%f[%w]%w+"', '"[%d-]"', '"(()"', '"%"', '"["', '"[^a]"', '"(.-)"',
  '"%1"', '"()"', '"a*"', '".-"', '"[a-"', '"%g"', '"(%w+)=(%w+)"', '"^h"', '"o$"', '"%z"', '"[]]"', '"%bxy"'];
const INT = ['0', '1', '2', '-1', '-2', '3', '10', '100', 'math.maxinteger', 'math.mininteger', '2^53', '0.5', '"2"', '3.0'];
const FMT = ['"%d"', '"%5.2f"', '"%s"', '"%q"', '"%x"', '"%X"', '"%o"', '"%c"', '"%e"', '"%g"', '"%a"', '"%i"', '"%u"',
  '"%10s|%-5d"', '"%%"', '"%"', '"%y"', '"%.99f"', '"%099d"', '"%.3s"', '"%5q"', '"%-+ #0d"', '"%p"', '"%.20s"', '"%s %s"'];
const PACK = ['"i4"', '"<i8"', '">I2"', '"b"', '"B"', '"h"', '"s"', '"s1"', '"z"', '"d"', '"f"', '"n"', '"j"', '"J"', '"T"',
  '"i17"', '"i0"', '"!4 i3"', '"c3"', '"c"', '"x"', '"Xi4"', '"<!8 b d"', '"i16"', '"=I"', '"q"', '"i2 i2"', '" "'];
const DATEF = ['"%Y-%m-%d"', '"!%c"', '"!%x %X %p"', '"*t"', '"!*t"', '"%Ez"', '"%Q"', '"!%H:%M:%S %j %a %A %b %B"', '"%"', '""', '"!%y%%"'];
const TIMES = ['0', '86400', '1e10', '-1', '2^40', '1.5', 'math.maxinteger', '"10"', '{year=2020, month=1, day=1}',
  '{year=2020, month=14, day=-3, hour=25}', '{year=2020}', '{year="x", month=1, day=1}', '{year=2^40, month=1, day=1}',
  '{year=2000, month=1, day=1, isdst=true}', '{year=1.5, month=1, day=1}'];
const GCOPT = ['"collect"', '"step"', '"isrunning"', '"incremental"', '"generational"', '"stop"', '"restart"', '"setpause"',
  '"setstepmul"', '"bogus"', '"count "'];
const READF = ['"l"', '"n"', '"a"', '"L"', '0', '5', '"*l"', '"x"', '-1'];
// (no tables with holes: `#t` may return any border, and lua5.4 and moonlet choose differently)
const TBL = ['{1, 2, 3}', '{"b", "a", "c"}', '{}', '{3, 1, 2, 5, 4}', '{"x", 1}', '{{}, {}}',
  'setmetatable({}, {__index = function(t, k) if k <= 3 then return k end end, __len = function() return 3 end})',
  'setmetatable({}, {__newindex = function() error("ro") end})', 'setmetatable({1, 2}, {__len = function() return 2.5 end})', 'setmetatable({1, 2}, {__len = function() return -1 end})'];
// (no comparison of tostring results: they contain addresses)
const FUNCS = ['function(a, b) return a < b end', 'function(a, b) return a > b end', 'function() return true end',
  'function() error("cmp") end', 'function(a, b) return type(a) < type(b) end'];
const CHUNK = ['"return 1"', '"return ..."', '"x ="', '"return 1 +"', '"local x <close> = 1"', '"goto l"',
  '"break"', '"return \\"unfinished"', '"--[["', '"local a <const> = 1; a = 2"', '"for i=1 do end"', '"x = 0x"', '"return 3..4"'];

/**
 * Functions to call: [name, maximum arity, per-position hints, result mode, {force: k}] (with
 * `force`, the call has at least k + 1 arguments and argument k always comes from its hints).
 */
export const FUNCTIONS = [
  ['assert', 3, [['true', '1', 'false', 'nil'], STR]],
  ['error', 2, [STR, INT]],
  ['getmetatable', 1, []],
  ['ipairs', 2, []],
  ['next', 2, [['{}', '{1}', '{x = 1}'], ['nil', '1', '2', '"x"', '"zz"']]],
  ['pairs', 1, []],
  ['load', 4, [CHUNK, ['"=name"', '"@file"', '"chunk"', '""', '"=" .. string.rep("n", 100)'], ['"t"', '"b"', '"bt"', '"x"', '"tb"'], ['{}', 'nil']]],
  ['pcall', 3, [FUNCS, INT]],
  ['xpcall', 3, [FUNCS, ['function(m) return "H:" .. tostring(m) end', 'tostring', 'nil', 'function() error("h") end']]],
  ['rawequal', 3, []],
  ['rawget', 3, [TBL, INT]],
  ['rawlen', 2, [TBL]],
  ['rawset', 4, [['{}', '{1, 2}'], ['1', '2', '0/0', 'nil', '"k"', '3'], STR]],
  ['select', 4, [['"#"', '1', '-1', '2', '-3', '0', '"2"', '"x"', '1.5', 'math.mininteger']]],
  ['setmetatable', 3, [['{}', 'setmetatable({}, {__metatable = 1})'], ['{}', 'nil', '{__index = {}}', '1']]],
  ['tonumber', 3, [['"10"', '"ff"', '"zz"', '"1e1"', '" 0x1p4 "', '"7fffffffffffffff"', '"-z"', '"1 0"', '10', '"8000000000000000"', '"0x"', '"1e"', '".5"', '"5."', '"inf"', '"nan"'],
    ['2', '16', '36', '37', '1', '10', '"16"', '16.0', '16.5', 'nil']]],
  ['tostring', 2, []],
  ['type', 2, []],
  ['collectgarbage', 3, [GCOPT, INT]],
  ['warn', 3, [['"@on"', '"@off"', '"msg"', '"@x"'], STR]],

  ['string.byte', 4, [STR, INT, INT]],
  ['string.char', 5, [['65', '0', '255', '256', '-1', '"66"', '65.0', '65.5'], ['66', '300']]],
  ['string.dump', 3, [FUNCS.concat(['print']), ['true', 'false']], 'type'],
  ['string.find', 5, [STR, PAT, INT, ['true', 'false', 'nil']]],
  ['string.format', 5, [FMT, ['1', '-1', '0.5', '"x"', '"a\\0b"', 'math.mininteger', '1/0', '0/0', '255', '2^63', '"10"', '{}', 'nil', 'true', '1e308', '-0.0'], INT]],
  ['string.gmatch', 4, [STR, PAT, INT], 'iter'],
  ['string.gsub', 5, [STR, PAT, ['"%0%0"', '"%1"', '"%2"', '"%"', '"%%"', '"x"', '{o = "0", hello = 1, l = true}', 'function(x) return x .. "!" end',
    'function() return false end', 'function() return {} end', '1', 'true'], INT]],
  ['string.len', 2, [STR]],
  ['string.lower', 2, [STR]],
  ['string.upper', 2, [STR]],
  ['string.match', 4, [STR, PAT, INT]],
  ['string.pack', 5, [PACK, INT, INT]],
  ['string.packsize', 2, [PACK]],
  ['string.unpack', 4, [PACK, ['"\\1\\2\\3\\4\\5\\6\\7\\8"', '""', '"abc\\0def"', '"\\255\\255\\255\\255\\255\\255\\255\\255\\255"'], INT]],
  ['string.rep', 4, [STR, ['0', '1', '3', '-1', '100', '2.0', '2.5', '"3"', 'math.mininteger'], ['", "', '""', '"\\0"']]],
  ['string.reverse', 2, [STR]],
  ['string.sub', 4, [STR, INT, INT]],

  ['table.concat', 5, [TBL, ['", "', '""', '1', '{}'], INT, INT]],
  ['table.insert', 4, [TBL, INT, STR]],
  // only hinted arguments, with a small end index: table.move(t, 1, 2^53) runs unboundedly long
  ['table.move', 6, [TBL, INT, ['0', '1', '2', '3', '-1', '"3"', '2.0', '1.5', 'nil'], INT, TBL], undefined, { force: 3, all: true }],
  ['table.pack', 4, []],
  ['table.remove', 3, [TBL, INT]],
  ['table.sort', 3, [TBL, FUNCS]],
  ['table.unpack', 4, [TBL, INT, INT]],

  ['math.abs', 2, [INT]], ['math.ceil', 2, [INT]], ['math.floor', 2, [INT]], ['math.sqrt', 2, [INT]],
  ['math.sin', 2, [INT]], ['math.cos', 2, [INT]], ['math.tan', 2, [INT]], ['math.asin', 2, [INT]],
  ['math.acos', 2, [INT]], ['math.atan', 3, [INT, INT]], ['math.exp', 2, [INT]], ['math.log', 3, [INT, INT]],
  ['math.deg', 2, [INT]], ['math.rad', 2, [INT]], ['math.fmod', 3, [INT, INT]], ['math.modf', 2, [INT]],
  ['math.max', 4, [INT, INT]], ['math.min', 4, [INT, INT]], ['math.tointeger', 2, [INT]], ['math.type', 2, [INT]],
  ['math.ult', 3, [INT, INT]], ['math.random', 3, [INT, INT]], ['math.randomseed', 3, [INT, INT], undefined, { force: 0 }], // never the random seed of a call without arguments

  ['utf8.char', 4, [['65', '0', '0x7FFFFFFF', '0x80000000', '-1', '0x10FFFF', '"65"', '65.5', '0xD800']]],
  ['utf8.codepoint', 5, [STR.concat(['"\\xF4\\x90\\x80\\x80"', '"\\xED\\xA0\\x80"', '"\\xC0\\x80"']), INT, INT, ['true', 'false']]],
  ['utf8.len', 5, [STR.concat(['"\\xF4\\x90\\x80\\x80"', '"\\xFF"']), INT, INT, ['true', 'false']]],
  ['utf8.offset', 4, [STR, INT, INT]],
  ['utf8.codes', 3, [STR.concat(['"\\xFF"', '"a\\x80"']), ['true', 'false']], 'iter'],

  // never the current time: the time argument is always one of TIMES
  ['os.time', 2, [TIMES], undefined, { force: 0 }],
  ['os.date', 3, [DATEF, TIMES], undefined, { force: 1 }],
  ['os.difftime', 3, [INT, INT]],
  ['os.getenv', 2, [['"HOME_NOT_SET_XYZ"', '"PATH_NOT_SET_XYZ"']]],

  ['io.type', 2, [['io.stdout', 'io.stdin', '{}']]],
  ['io.write', 4, [['"w"', '1', '1.5', '{}', 'nil', '-0.0', '2^63']]],
  // only READF counts: whether io.read(2^31) allocates its buffer (lua5.4 returns nil at end of
  // file) or fails with "not enough memory" depends on the machine's memory and overcommit policy
  ['io.read', 3, [READF, READF, READF], undefined, { force: 0, all: true }],

  ['coroutine.create', 2, []],
  ['coroutine.resume', 4, [['coroutine.create(function(...) return ... end)', 'DEAD', 'coroutine.running()', 'coroutine.create(function() error("co") end)', 'coroutine.create(coroutine.yield)']]],
  ['coroutine.wrap', 2, [], 'call'],
  ['coroutine.status', 2, [['DEAD', 'coroutine.running()', 'coroutine.create(print)']]],
  ['coroutine.close', 2, [['DEAD', 'coroutine.running()', 'coroutine.create(print)', 'select(2, coroutine.resume(coroutine.create(function() coroutine.resume(coroutine.running()) end)))']]],
  ['coroutine.isyieldable', 2, []],
  ['coroutine.running', 1, []],
  ['coroutine.yield', 2, []],

  ['debug.getinfo', 4, [['1', '0', '2', '100', '-1', 'print', 'function() end', 'DEAD', 'coroutine.running()'], ['"n"', '"S"', '"l"', '"u"', '"t"', '"f"', '"L"', '"r"', '">S"', '"x"', '"nSltufr"', '1'], ['"S"', '"n"']]],
  // no numeric levels: the frames at levels 1-2 are pcall's, and a C frame's stack slots
  // ("(C temporary)" in lua5.4) are not modelled by moonlet's native frames
  ['debug.getlocal', 4, [['100', 'print', 'function(a, b) end', 'DEAD', 'coroutine.create(function(a) end)'], INT], undefined, { force: 0 }],
  ['debug.getupvalue', 3, [['function() return print end', 'print', '1'], INT]],
  ['debug.upvalueid', 3, [['function() return print end', 'print', '1'], INT], 'type'],
  ['debug.getmetatable', 2, []],
  ['debug.getuservalue', 3, [['io.stdout', '1', '{}'], INT]],
  ['debug.setuservalue', 4, [['io.stdout', '1', '{}'], ['{}', 'nil'], INT]],
  ['debug.traceback', 4, [['"msg"', 'nil', '{}', 'DEAD', 'coroutine.running()', '1'], ['"m"', '1', '0', '2', '-1', 'nil'], INT]],
  ['debug.getregistry', 1, [], 'type'],

  ['package.searchpath', 5, [['"a.b"', '"x"', '""', '"a..b"'], ['"./?.nope;/nonexistent/?/init.nope"', '""', '"?"', '";;"'], ['"."', '""', '"/"'], ['"."', '"_"']]],
  ['require', 2, [['"string"', '"_G"', '"nonexistent_mod_xyz"', '"math"', '"coroutine"']]],
];

const FUNC_INDEX = new Map(FUNCTIONS.map((f) => [f[0], f]));

/** One call: the function's name and its argument expressions. */
function genCall(rng, fn) {
  const [, maxArity, hints, , opts] = fn;
  const force = opts ? opts.force : -1;
  // "none": sometimes fewer arguments than the function's arity; sometimes one more.
  const n = Math.max(rng.int(maxArity + 2), force + 1);
  const args = [];
  for (let i = 0; i < n; i++) {
    const h = hints[i];
    if (h && h.length && (i === force || (opts && opts.all) || rng.next() < 0.6)) args.push(rng.pick(h));
    else args.push(`V[${1 + rng.int(POOL.length)}]`);
  }
  return { name: fn[0], args };
}

/** The Lua statement for a call, numbered i. `mode` post-processes results of some functions. */
function callLine(i, call) {
  const fn = FUNC_INDEX.get(call.name);
  const mode = fn[3];
  const args = call.args.join(', ');
  const rest = args ? ', ' + args : '';
  switch (mode) {
    case 'type': // print only the result's type (string.dump bytes, light userdata)
      return `P(${i}, pcall(function(...) return type((${call.name}(...))) end${rest}))`;
    case 'iter': // the iterator is called (up to 5 times) under the same pcall
      return `P(${i}, pcall(function(...) local f, s, c = ${call.name}(...) local r = {} for _ = 1, 5 do local a, b = f(s, c) if a == nil then break end r[#r + 1] = a c = a if b ~= nil then r[#r + 1] = b end end return f ~= nil, table.unpack(r) end${rest}))`;
    case 'call': // the wrapper is called with two numbers
      return `P(${i}, pcall(function(...) local w = ${call.name}(...) return w(1, 2) end${rest}))`;
    default:
      return `P(${i}, pcall(${call.name}${rest}))`;
  }
}

export function prelude() {
  return PRELUDE_HEAD + FORMATTER + 'local V = {n = ' + POOL.length + '}\n' +
    POOL.map((e, k) => `V[${k + 1}] = ${e}`).join('\n') + '\n';
}

/** A program of `calls` random calls. */
export function generate(seed, calls) {
  const rng = makeRng(seed);
  const list = [];
  for (let i = 0; i < calls; i++) list.push(genCall(rng, rng.pick(FUNCTIONS)));
  return list;
}

export function render(list, numbers) {
  return prelude() + list.map((c, k) => callLine(numbers ? numbers[k] : k + 1, c)).join('\n') + '\nio.write("END\\n")\n';
}

function runOne(cmd, args, file, cwd) {
  const r = spawnSync(cmd, [...args, file], { cwd, encoding: 'latin1', timeout: TIMEOUT_MS, stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024 });
  return { stdout: r.stdout ?? '', stderr: (r.stderr ?? '').replace(/^lua5\.4:/, 'moonlet:'), status: r.status, timedOut: r.error?.code === 'ETIMEDOUT' };
}

/** Runs a program under both interpreters, in a scratch directory. */
export function runBoth(src, dir) {
  const file = 'prog.lua';
  writeFileSync(join(dir, file), src, 'latin1');
  const ref = runOne('lua5.4', [], file, dir);
  const got = runOne(process.execPath, [MOONLET], file, dir);
  return { ref, got };
}

function same(a, b) { return a.stdout === b.stdout && a.stderr === b.stderr && a.status === b.status; }

/** The number of the first call whose output line differs (0 when it is the prelude or the end). */
function firstDiffCall(a, b) {
  const la = a.stdout.split('\n'), lb = b.stdout.split('\n');
  for (let k = 0; k < Math.max(la.length, lb.length); k++) {
    if (la[k] !== lb[k]) {
      const m = /^#(\d+) /.exec(la[k] ?? '') || /^#(\d+) /.exec(lb[k] ?? '');
      // a missing line: the differing call is the one after the last common line
      if (m && la[k] !== undefined && lb[k] !== undefined) return Number(m[1]);
      const prev = k > 0 ? /^#(\d+) /.exec(la[k - 1]) : null;
      return prev ? Number(prev[1]) + 1 : 1;
    }
  }
  return 0;
}

/**
 * Fuzzes `count` programs from `seed`. Returns {programs, calls, diffs: [{fn, file, src, ref, got}], skipped}.
 */
export function fuzz(seed, count, { calls = 40, outDir, log = () => {} } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'libfuzz-'));
  const result = { programs: 0, calls: 0, diffs: [], skipped: 0 };
  try {
    for (let p = 0; p < count; p++) {
      const pseed = (seed * 100003 + p) >>> 0;
      const list = generate(pseed, calls);
      const { ref, got } = runBoth(render(list), dir);
      result.programs++;
      if (ref.timedOut) { result.skipped++; log(`seed ${pseed}: reference timed out, skipped`); continue; }
      // the generator must produce programs the reference runs to the end
      if (!ref.stdout.endsWith('END\n')) throw new Error(`seed ${pseed}: reference did not finish: ${ref.stderr}`);
      result.calls += list.length;
      if (same(ref, got)) continue;
      const k = firstDiffCall(ref, got);
      let minimal = null;
      if (k >= 1 && k <= list.length) {
        // the single call alone, then the prefix up to it
        for (const cand of [[list[k - 1]], list.slice(0, k)]) {
          const src = render(cand, cand.length === 1 ? [k] : undefined);
          const r = runBoth(src, dir);
          if (!r.ref.timedOut && !same(r.ref, r.got)) { minimal = { src, ...r, call: list[k - 1] }; break; }
        }
      }
      if (!minimal) minimal = { src: render(list), ref, got, call: list[k - 1] };
      const fn = minimal.call ? minimal.call.name : '?';
      const d = { fn, seed: pseed, call: k, src: minimal.src, ref: minimal.ref, got: minimal.got };
      if (outDir) {
        mkdirSync(outDir, { recursive: true });
        d.file = join(outDir, `diff-${pseed}-${k}-${fn}.lua`);
        writeFileSync(d.file, minimal.src, 'latin1');
      }
      result.diffs.push(d);
      log(`DIFF ${fn} seed=${pseed} call=${k}${d.file ? ' ' + d.file : ''}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return result;
}

/** The output lines of a minimal program that differ, for a report. */
export function describeDiff(d) {
  const la = d.ref.stdout.split('\n'), lb = d.got.stdout.split('\n');
  const out = [];
  for (let k = 0; k < Math.max(la.length, lb.length); k++) {
    if (la[k] !== lb[k]) { out.push(`  lua5.4 : ${la[k]}`, `  moonlet: ${lb[k]}`); break; }
  }
  if (d.ref.stderr !== d.got.stderr) out.push(`  lua5.4 stderr : ${d.ref.stderr.split('\n')[0]}`, `  moonlet stderr: ${d.got.stderr.split('\n')[0]}`);
  if (d.ref.status !== d.got.status) out.push(`  status lua5.4=${d.ref.status} moonlet=${d.got.status}`);
  return out.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const pos = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const opt = Object.fromEntries(process.argv.slice(2).filter((a) => a.startsWith('--')).map((a) => {
    const [k, v] = a.slice(2).split('='); return [k, v ?? true];
  }));
  const seed = Number(pos[0] ?? 1), count = Number(pos[1] ?? 20);
  const quiet = !!opt.quiet;
  const r = fuzz(seed, count, { calls: Number(opt.calls ?? 40), outDir: opt.out ? String(opt.out) : undefined,
    log: quiet ? () => {} : (m) => console.log(m) });
  for (const d of r.diffs) if (!quiet) console.log(`${d.fn}:\n${describeDiff(d)}`);
  console.log(`programs=${r.programs} calls=${r.calls} differences=${r.diffs.length} skipped=${r.skipped}`);
  process.exit(r.diffs.length ? 1 : 0);
}
