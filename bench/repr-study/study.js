// Value-representation study (issue 2): the same tiny register VM written twice,
//   plain: registers are a JS array of plain values; integral floats boxed (Moonlet's choice)
//   split: registers are a tag byte array + Float64Array + object array
// running four workloads shaped like real programs. Run: node bench/repr-study/study.js
// Each workload is a hand-assembled program; both VMs run the identical instruction stream.

const OP = { LOADK: 0, ADD: 1, SUB: 2, MUL: 3, LTJ: 4, JMP: 5, MOVE: 6, CALL: 7, RET: 8, NEWT: 9, GETF: 10, SETF: 11, ADDI: 12, LEJI: 13, MODI: 14 };

class LFloat { constructor(n) { this.n = n; } }
const mkfloat = (x) => (Number.isInteger(x) ? new LFloat(x) : x);
const fv = (v) => (typeof v === 'number' ? v : v.n);
const isF = (v) => typeof v !== 'number' || !Number.isInteger(v);
class Obj { constructor() { this.f = new Map(); } }

// ---------------------------------------------------------------- plain representation
function runPlain(prog, K, nregs) {
  const stack = new Array(4096).fill(undefined);
  const frames = [];
  let code = prog, pc = 0, base = 0;
  for (;;) {
    const ins = code[pc++];
    const a = ins[1], b = ins[2], c = ins[3];
    switch (ins[0]) {
      case OP.LOADK: stack[base + a] = K[b]; break;
      case OP.MOVE: stack[base + a] = stack[base + b]; break;
      case OP.ADD: case OP.SUB: case OP.MUL: {
        const x = stack[base + b], y = stack[base + c];
        if (typeof x === 'number' && typeof y === 'number' && Number.isInteger(x) && Number.isInteger(y)) {
          const r = ins[0] === OP.ADD ? x + y : ins[0] === OP.SUB ? x - y : x * y;
          stack[base + a] = Number.isSafeInteger(r) ? r + 0 : 0; // (exact path elided in the study)
        } else {
          const p = fv(x), q = fv(y);
          stack[base + a] = mkfloat(ins[0] === OP.ADD ? p + q : ins[0] === OP.SUB ? p - q : p * q);
        }
        break;
      }
      case OP.ADDI: { const x = stack[base + b]; stack[base + a] = typeof x === 'number' && Number.isInteger(x) ? x + c : mkfloat(fv(x) + c); break; }
      case OP.MODI: { const x = stack[base + b]; stack[base + a] = x % c; break; }
      case OP.LTJ: if (fv(stack[base + a]) < fv(stack[base + b])) pc += c; break;
      case OP.LEJI: if (fv(stack[base + a]) <= b) pc += c; break;
      case OP.JMP: pc += a; break;
      case OP.CALL: frames.push(code, pc, base); base = base + a; code = K[b]; pc = 0; break;
      case OP.RET: {
        if (frames.length === 0) return stack[base + a];
        const v = stack[base + a], callee = base;
        base = frames.pop(); pc = frames.pop(); code = frames.pop();
        stack[callee] = v; // the result replaces the callee's first register (= the caller's CALL register)
        break;
      }
      case OP.NEWT: stack[base + a] = new Obj(); break;
      case OP.GETF: stack[base + a] = stack[base + b].f.get(K[c]); break;
      case OP.SETF: stack[base + a].f.set(K[b], stack[base + c]); break;
    }
  }
}

// ---------------------------------------------------------------- split representation
const T_INT = 1, T_FLT = 2, T_OBJ = 3, T_NIL = 0;
function runSplit(prog, K, nregs) {
  const tag = new Uint8Array(4096), num = new Float64Array(4096), obj = new Array(4096).fill(null);
  const Ktag = K.map((v) => (typeof v === 'number' ? T_INT : v instanceof LFloat ? T_FLT : T_OBJ));
  const Knum = K.map((v) => (typeof v === 'number' ? v : v instanceof LFloat ? v.n : 0));
  const frames = [];
  let code = prog, pc = 0, base = 0;
  for (;;) {
    const ins = code[pc++];
    const a = ins[1], b = ins[2], c = ins[3];
    switch (ins[0]) {
      case OP.LOADK: tag[base + a] = Ktag[b]; num[base + a] = Knum[b]; obj[base + a] = Ktag[b] === T_OBJ ? K[b] : null; break;
      case OP.MOVE: tag[base + a] = tag[base + b]; num[base + a] = num[base + b]; obj[base + a] = obj[base + b]; break;
      case OP.ADD: case OP.SUB: case OP.MUL: {
        const tx = tag[base + b], ty = tag[base + c], x = num[base + b], y = num[base + c];
        const r = ins[0] === OP.ADD ? x + y : ins[0] === OP.SUB ? x - y : x * y;
        tag[base + a] = tx === T_INT && ty === T_INT ? T_INT : T_FLT; num[base + a] = r;
        break;
      }
      case OP.ADDI: num[base + a] = num[base + b] + c; tag[base + a] = tag[base + b]; break;
      case OP.MODI: num[base + a] = num[base + b] % c; tag[base + a] = T_INT; break;
      case OP.LTJ: if (num[base + a] < num[base + b]) pc += c; break;
      case OP.LEJI: if (num[base + a] <= b) pc += c; break;
      case OP.JMP: pc += a; break;
      case OP.CALL: frames.push(code, pc, base); base = base + a; code = K[b]; pc = 0; break;
      case OP.RET: {
        if (frames.length === 0) return tag[base + a] === T_OBJ ? obj[base + a] : num[base + a];
        const t = tag[base + a], n = num[base + a], o = obj[base + a], callee = base;
        base = frames.pop(); pc = frames.pop(); code = frames.pop();
        tag[callee] = t; num[callee] = n; obj[callee] = o;
        break;
      }
      case OP.NEWT: tag[base + a] = T_OBJ; obj[base + a] = new Obj(); break;
      case OP.GETF: { const v = obj[base + b].f.get(K[c]); tag[base + a] = v.t; num[base + a] = v.n; obj[base + a] = v.o; break; }
      case OP.SETF: obj[base + a].f.set(K[b], { t: tag[base + c], n: num[base + c], o: obj[base + c] }); break;
    }
  }
}

// ---------------------------------------------------------------- workloads
const I = (...x) => x;
// 1. float loop: z = z*z*0.999 + c, 3M iterations (mandelbrot/nbody-like)
const floatK = [new LFloat(0), 0.25, 0.999, 0, 3000000, 1];
const floatProg = [I(OP.LOADK, 0, 0), I(OP.LOADK, 1, 1), I(OP.LOADK, 2, 2), I(OP.LOADK, 3, 3), I(OP.LOADK, 4, 4),
  /*5*/ I(OP.MUL, 5, 0, 0), I(OP.MUL, 5, 5, 2), I(OP.ADD, 0, 5, 1), I(OP.ADDI, 3, 3, 1), I(OP.LTJ, 3, 4, -5), I(OP.RET, 0, 0)];
// 2. integer loop: s = s + i % 7, 3M iterations (sieve/queens-like)
const intK = [0, 0, 3000000];
const intProg = [I(OP.LOADK, 0, 0), I(OP.LOADK, 1, 1), I(OP.LOADK, 2, 2),
  I(OP.MODI, 3, 1, 7), I(OP.ADD, 0, 0, 3), I(OP.ADDI, 1, 1, 1), I(OP.LTJ, 1, 2, -4), I(OP.RET, 0, 0)];
// 3. calls: fib(27)
const fibBody = [/*0*/ I(OP.LEJI, 0, 1, 6), I(OP.ADDI, 1, 0, -1), I(OP.CALL, 1, 0), I(OP.ADDI, 2, 0, -2), I(OP.CALL, 2, 0),
  I(OP.ADD, 0, 1, 2), I(OP.RET, 0), /*7*/ I(OP.RET, 0)];
const fibMain = [I(OP.LOADK, 0, 2), I(OP.CALL, 0, 0), I(OP.RET, 0, 0)];
const fibKm = [fibBody, null, 27];
const check = {};
// 4. allocation + fields: 1M objects {x=i, y=i*0.5}, sum x*y
const allocK = ['x', 'y', 0, 1000000, 0.5, new LFloat(0)];
const allocProg = [I(OP.LOADK, 0, 2), I(OP.LOADK, 1, 3), I(OP.LOADK, 2, 4), I(OP.LOADK, 6, 5),
  /*4*/ I(OP.NEWT, 3), I(OP.SETF, 3, 0, 0), I(OP.MUL, 4, 0, 2), I(OP.SETF, 3, 1, 4), I(OP.GETF, 4, 3, 0), I(OP.GETF, 5, 3, 1),
  I(OP.MUL, 5, 4, 5), I(OP.ADD, 6, 6, 5), I(OP.ADDI, 0, 0, 1), I(OP.LTJ, 0, 1, -10), I(OP.RET, 6, 0)];

function time(fn) { const t = process.hrtime.bigint(); const r = fn(); return [Number(process.hrtime.bigint() - t) / 1e6, r]; }
const work = [
  ['float loop', floatProg, floatK],
  ['integer loop', intProg, intK],
  ['calls (fib 27)', fibMain, fibKm],
  ['alloc+fields', allocProg, allocK],
];
const results = [];
for (const [name, prog, K] of work) {
  const runs = { plain: [], split: [] };
  for (let r = 0; r < 7; r++) {
    const [tp, rp] = time(() => runPlain(prog, K));
    const [ts, rs] = time(() => runSplit(prog, K));
    runs.plain.push(tp);
    runs.split.push(ts);
    if (fv(rp) !== rs) throw new Error(`${name}: results differ ${fv(rp)} vs ${rs}`);
  }
  const med = (a) => a.sort((x, y) => x - y)[a.length >> 1];
  results.push([name, med(runs.plain), med(runs.split)]);
}
console.log('workload'.padEnd(18), 'plain ms'.padStart(9), 'split ms'.padStart(9), 'plain/split'.padStart(12));
for (const [n, p, s] of results) console.log(n.padEnd(18), p.toFixed(1).padStart(9), s.toFixed(1).padStart(9), (p / s).toFixed(2).padStart(12));
