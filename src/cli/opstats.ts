// The report of `moonlet --opcode-stats`: executed instructions per opcode and the most frequent
// consecutive opcode pairs (candidates for superinstructions; see docs/performance.md).

import { OPCODES } from '../bytecode/opcodes.js';

const opName = (op: number): string => OPCODES[op]?.name ?? `OP${op}`;
const pct = (n: number, total: number): string => ((100 * n) / total).toFixed(1).padStart(5) + '%';

/** Format the histogram (counts at [prev << 8 | op]) as text, `top` rows per section. */
export function formatOpStats(pairs: Float64Array, top = 25): string {
  const single = new Float64Array(256);
  let total = 0;
  for (let j = 0; j < pairs.length; j++) {
    single[j & 0xff] += pairs[j];
    total += pairs[j];
  }
  if (total === 0) return 'opcode stats: no instruction executed\n';
  const lines = [`opcode stats: ${total} instructions executed`, '', 'opcode            count      share'];
  const ops = [...single.keys()].filter((o) => single[o] > 0).sort((a, b) => single[b] - single[a]);
  for (const o of ops.slice(0, top)) lines.push(`${opName(o).padEnd(12)} ${String(single[o]).padStart(12)}  ${pct(single[o], total)}`);
  lines.push('', 'pair (previous opcode, opcode)      count      share');
  const ps = [...pairs.keys()].filter((j) => pairs[j] > 0 && j >> 8 !== 255).sort((a, b) => pairs[b] - pairs[a]);
  for (const j of ps.slice(0, top)) {
    lines.push(`${(opName(j >> 8) + ' ' + opName(j & 0xff)).padEnd(26)} ${String(pairs[j]).padStart(12)}  ${pct(pairs[j], total)}`);
  }
  return lines.join('\n') + '\n';
}
