// The abstract syntax tree produced by the parser and consumed by the compiler.
//
// Every node has `line`: the source line the compiler attributes to the code it emits for the
// node. The conventions follow the reference implementation, because runtime error positions
// depend on them:
//   - Call/MethodCall: the line where the call's prefix expression STARTS (`f` in `f(x)`), as
//     in lparser.c's suffixedexp; `endLine` is the line of the closing token.
//   - Binop: the line of the operator token. Unop: the line of the operator token.
//   - Index: the line of the `.`/`[`/`:` token. Name: line of the name.
//   - Function: `line` is the line of `function`, `lastLine` the line of its `end`.
//   - Statements: the line of their first token; Return: line of `return`.
// Names and string literals are Lua byte strings (JS strings with char codes 0..255).

import type { LuaValue } from '../runtime/value.js';

export type BinOp =
  | '+' | '-' | '*' | '/' | '//' | '%' | '^'
  | '..'
  | '==' | '~=' | '<' | '<=' | '>' | '>='
  | 'and' | 'or'
  | '&' | '|' | '~' | '<<' | '>>';

export type UnOp = '-' | 'not' | '#' | '~';

export type Expr =
  | NilExpr
  | TrueExpr
  | FalseExpr
  | VarargExpr
  | NumberExpr
  | StringExpr
  | FunctionExpr
  | TableExpr
  | BinopExpr
  | UnopExpr
  | NameExpr
  | IndexExpr
  | CallExpr
  | MethodCallExpr
  | ParenExpr;

export interface NilExpr { kind: 'Nil'; line: number }
export interface TrueExpr { kind: 'True'; line: number }
export interface FalseExpr { kind: 'False'; line: number }
export interface VarargExpr { kind: 'Vararg'; line: number }
/** value: an integer (number | bigint) or a float (number | LuaFloat), already converted. */
export interface NumberExpr { kind: 'Number'; line: number; value: LuaValue }
export interface StringExpr { kind: 'String'; line: number; value: string }
export interface FunctionExpr { kind: 'Function'; line: number; func: FuncBody }
export interface TableExpr { kind: 'Table'; line: number; items: TableItem[]; endLine: number }
export type TableItem =
  | { kind: 'Positional'; value: Expr }
  | { kind: 'Named'; name: string; value: Expr; line: number }
  | { kind: 'Keyed'; key: Expr; value: Expr; line: number };
export interface BinopExpr {
  kind: 'Binop'; line: number; op: BinOp; left: Expr; right: Expr;
  /** Line of the last token of the right operand (the reference's lastline when it finishes the operation). */
  endLine?: number;
}
export interface UnopExpr { kind: 'Unop'; line: number; op: UnOp; operand: Expr }
export interface NameExpr { kind: 'Name'; line: number; name: string }
/** `obj.key` has key = StringExpr; `obj[key]` any expression. */
export interface IndexExpr { kind: 'Index'; line: number; obj: Expr; key: Expr }
export interface CallExpr { kind: 'Call'; line: number; func: Expr; args: Expr[]; endLine: number }
export interface MethodCallExpr {
  kind: 'MethodCall';
  line: number;
  obj: Expr;
  name: string;
  /** Line of the `:` token (where SELF is attributed). */
  nameLine: number;
  args: Expr[];
  endLine: number;
}
/** `(e)`: truncates a multi-value expression to one value. */
export interface ParenExpr { kind: 'Paren'; line: number; expr: Expr }

export type Stat =
  | LocalStat
  | AssignStat
  | CallStat
  | DoStat
  | WhileStat
  | RepeatStat
  | IfStat
  | NumericForStat
  | GenericForStat
  | FunctionStat
  | LocalFunctionStat
  | ReturnStat
  | BreakStat
  | GotoStat
  | LabelStat;

export type Attrib = 'const' | 'close' | null;

export interface LocalStat {
  kind: 'Local';
  line: number;
  names: { name: string; attrib: Attrib; line: number }[];
  exprs: Expr[];
}
/** targets are NameExpr or IndexExpr. */
export interface AssignStat {
  kind: 'Assign'; line: number; targets: (NameExpr | IndexExpr)[]; exprs: Expr[];
  /** Per target: the line of the ',' or '=' after it, where the reference checks it is not const. */
  checkLines?: number[];
}
export interface CallStat { kind: 'CallStat'; line: number; call: CallExpr | MethodCallExpr }
export interface DoStat { kind: 'Do'; line: number; body: Block }
export interface WhileStat { kind: 'While'; line: number; cond: Expr; body: Block }
/** The condition can see the body's locals (manual §3.3.4). */
export interface RepeatStat { kind: 'Repeat'; line: number; body: Block; cond: Expr }
export interface IfStat {
  kind: 'If';
  line: number;
  clauses: { cond: Expr; body: Block; line: number }[];
  orelse: Block | null;
}
export interface NumericForStat {
  kind: 'NumericFor';
  line: number;
  name: string;
  start: Expr;
  limit: Expr;
  step: Expr | null;
  body: Block;
}
export interface GenericForStat {
  kind: 'GenericFor';
  line: number;
  names: string[];
  exprs: Expr[];
  body: Block;
}
/**
 * `function a.b.c:m() end`: path = ['a', 'b', 'c'], method = 'm'.
 * `function f() end`: path = ['f'], method = null. The first name is a variable (local,
 * upvalue or global), the rest are fields. For a method, `func` already has 'self' as its
 * first parameter.
 */
export interface FunctionStat {
  kind: 'Function';
  line: number;
  path: string[];
  method: string | null;
  func: FuncBody;
}
export interface LocalFunctionStat { kind: 'LocalFunction'; line: number; name: string; func: FuncBody }
export interface ReturnStat { kind: 'Return'; line: number; exprs: Expr[] }
export interface BreakStat { kind: 'Break'; line: number }
export interface GotoStat { kind: 'Goto'; line: number; label: string }
export interface LabelStat { kind: 'Label'; line: number; name: string }

export interface Block {
  stats: Stat[];
  /** Line of the token that ends the block (`end`, `until`, `else`, EOF...). */
  endLine: number;
}

export interface FuncBody {
  params: string[];
  isVararg: boolean;
  body: Block;
  /** Line of `function` (0 for the main chunk). */
  line: number;
  /** Line of the closing `end` (0 for the main chunk). */
  lastLine: number;
}

/** The main chunk: a vararg function with no parameters. */
export interface Chunk {
  body: FuncBody;
  /** Chunk name as passed to load ("@file.lua", "=stdin", ...). */
  chunkname: string;
}
