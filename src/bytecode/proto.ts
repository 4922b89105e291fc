// A function prototype: the compiled, immutable form of one Lua function. The compiler makes
// these; closures (vm/function.ts) pair one with upvalues. Bytecode files (issue 5) serialise them.

import { genericArray, type LuaValue } from '../runtime/value.js';
import type { Shape } from '../runtime/table.js';

export interface UpvalDesc {
  /** Name for debug info and error messages (`upvalue 'x'`); '' if stripped. */
  name: string;
  /** true: captures register `index` of the enclosing function; false: its upvalue `index`. */
  instack: boolean;
  index: number;
  /** Attribute of the captured variable: 0 regular, 1 <const>, 2 <close> (for error messages). */
  kind: number;
}

export interface LocVar {
  name: string;
  /** First instruction where the variable is active. */
  startpc: number;
  /** First instruction where the variable is dead. */
  endpc: number;
}

export class Proto {
  /** Instructions, one 32-bit word each (encoding in opcodes.ts). */
  code: Int32Array = new Int32Array(0);
  /** Source line of each instruction (same length as code). */
  lineinfo: Int32Array = new Int32Array(0);
  /**
   * Constants: strings, numbers (number | bigint | LuaFloat), booleans, nil. Generic
   * elements, so that every Proto's array has the same V8 map (runtime/value.ts genericArray).
   */
  constants: LuaValue[] = genericArray();
  /** Nested function prototypes (CLOSURE operands). */
  protos: Proto[] = [];
  upvalues: UpvalDesc[] = [];
  locvars: LocVar[] = [];
  numparams = 0;
  isVararg = false;
  /** Registers the function needs (its frame size). */
  maxstacksize = 2;
  /** Chunk name as given to load: "@file.lua", "=stdin", or the source text itself. */
  source = '?';
  linedefined = 0;
  lastlinedefined = 0;
  // ---- run-time feedback (not serialised; see docs/performance.md) ------------------------
  /**
   * Inline caches of the field instructions (GETFIELD, SELF, GETTABUP, SETFIELD, SETTABUP):
   * entries 4*pc .. 4*pc+3, two ways of (shape, slot) each; the layout is described in
   * vm/ic.ts. Allocated on the first miss (vm/ic.ts); empty until then.
   */
  icShapes: (Shape | undefined)[] = [];
  icSlots: Int32Array = new Int32Array(0);
  /**
   * Type feedback, one byte per instruction (vm/quicken.ts): for the quickenable arithmetic and
   * comparison instructions, the union of the operand kinds seen when the instruction was
   * quickened or a quickened form's guard failed (1: int32 integer, 2: other number or boxed
   * float, 4: anything else). Written only on those slow paths, not per execution; the
   * instruction's current opcode (a quickened form, opcodes.ts) tells the same thing.
   * Allocated at the first quickening; empty until then.
   */
  feedback: Uint8Array = new Uint8Array(0);
  /** Times the function was called (for the JIT's tiering decisions). */
  callCount = 0;
}
