// Recursive-descent parser for Lua 5.4 (manual §9), producing the AST of ast.ts.
//
// It follows lparser.c closely, because syntax error messages and the lines recorded in the
// AST (which become runtime error positions) depend on the exact order in which the reference
// reads tokens. Checks that the reference makes while generating code (goto/label resolution,
// assignment to const variables, 'break' outside a loop, register and constant limits) are the
// compiler's; the parser only makes the purely syntactic ones.

import { Lexer, T, tokenToString } from './lexer.js';
import { LuaException } from '../runtime/error.js';
import type {
  Attrib, BinOp, Block, Chunk, Expr, FuncBody, IndexExpr, NameExpr, Stat, TableItem, UnOp,
} from './ast.js';

/**
 * Nesting limit. The reference counts parser recursion (statements, subexpressions, extra
 * assignment targets) in the C-call counter, which reaches LUAI_MAXCCALLS (200) one level
 * earlier because the call to lua_load already counts: `lua5.4 file.lua` rejects 197 nested
 * parentheses in `x = (((...)))`, which is 199 levels here.
 */
const MAX_LEVELS = 199;

// Binary operator of each token, with its left and right priorities (lparser.c `priority`).
const TOKEN_COUNT = T.STRING + 1;
const BINOP_OF: (BinOp | null)[] = new Array<BinOp | null>(TOKEN_COUNT).fill(null);
const LEFT_PRIORITY = new Uint8Array(TOKEN_COUNT); // 0: not a binary operator
const RIGHT_PRIORITY = new Uint8Array(TOKEN_COUNT);
function binop(token: number, op: BinOp, left: number, right: number): void {
  BINOP_OF[token] = op;
  LEFT_PRIORITY[token] = left;
  RIGHT_PRIORITY[token] = right;
}
binop(T.OR, 'or', 1, 1);
binop(T.AND, 'and', 2, 2);
binop(60, '<', 3, 3); binop(62, '>', 3, 3); binop(T.LE, '<=', 3, 3); binop(T.GE, '>=', 3, 3);
binop(T.NE, '~=', 3, 3); binop(T.EQ, '==', 3, 3);
binop(124, '|', 4, 4);
binop(126, '~', 5, 5);
binop(38, '&', 6, 6);
binop(T.SHL, '<<', 7, 7); binop(T.SHR, '>>', 7, 7);
binop(T.CONCAT, '..', 9, 8); // right associative
binop(43, '+', 10, 10); binop(45, '-', 10, 10);
binop(42, '*', 11, 11); binop(47, '/', 11, 11); binop(T.IDIV, '//', 11, 11); binop(37, '%', 11, 11);
binop(94, '^', 14, 13); // right associative, and tighter than unary operators on its left
const UNARY_PRIORITY = 12;

// Single-char tokens by name.
const LPAREN = 40, RPAREN = 41, COMMA = 44, DOT = 46, COLON = 58, SEMI = 59, LT = 60,
  ASSIGN = 61, GT = 62, LBRACKET = 91, RBRACKET = 93, LBRACE = 123, RBRACE = 125;

/** Parse a chunk (a byte string); throws LuaException with the reference's message on errors. */
export function parse(source: string, chunkname: string, cCalls = 1): Chunk {
  return new Parser(new Lexer(source, chunkname), cCalls - 1).mainFunction();
}

class Parser {
  /** Nesting levels in use (see MAX_LEVELS). */
  private levels: number;
  /** Is the function being parsed vararg? */
  private inVararg = true;

  /** `outerLevels`: C calls active at the load beyond the one MAX_LEVELS assumes. */
  constructor(private readonly lx: Lexer, outerLevels: number) {
    this.levels = outerLevels;
  }

  mainFunction(): Chunk {
    const lx = this.lx;
    lx.next();
    const body = this.statList();
    this.check(T.EOS);
    return { chunkname: lx.chunkname, body: { params: [], isVararg: true, body, line: 0, lastLine: 0 } };
  }

  // ---- helpers --------------------------------------------------------------------------------

  private enterLevel(): void {
    // The reference raises this as a runtime error of the loader: no position, no "near".
    if (++this.levels >= MAX_LEVELS) throw new LuaException('C stack overflow');
  }

  private leaveLevel(): void {
    this.levels--;
  }

  /** Is the current token `token`? (A call, so TypeScript does not keep a narrowing across `next()`.) */
  private at(token: number): boolean {
    return this.lx.token === token;
  }

  private errorExpected(token: number): never {
    return this.lx.syntaxError(`${tokenToString(token)} expected`);
  }

  private check(token: number): void {
    if (this.lx.token !== token) this.errorExpected(token);
  }

  private checkNext(token: number): void {
    this.check(token);
    this.lx.next();
  }

  private testNext(token: number): boolean {
    if (this.lx.token !== token) return false;
    this.lx.next();
    return true;
  }

  /** Expect the token `what` closing `who` opened at line `where`. */
  private checkMatch(what: number, who: number, where: number): void {
    const lx = this.lx;
    if (lx.token === what) {
      lx.next();
      return;
    }
    if (where === lx.linenumber) this.errorExpected(what);
    lx.syntaxError(`${tokenToString(what)} expected (to close ${tokenToString(who)} at line ${where})`);
  }

  private checkName(): string {
    this.check(T.NAME);
    const name = this.lx.sval;
    this.lx.next();
    return name;
  }

  /** Does the current token end a block? (`until` ends only repeat bodies, but never starts a statement.) */
  private blockFollow(withUntil: boolean): boolean {
    switch (this.lx.token) {
      case T.ELSE: case T.ELSEIF: case T.END: case T.EOS: return true;
      case T.UNTIL: return withUntil;
      default: return false;
    }
  }

  // ---- statements -----------------------------------------------------------------------------

  /** statlist -> { stat [';'] }, with 'return' only as the last statement. */
  private statList(): Block {
    const lx = this.lx;
    const stats: Stat[] = [];
    while (!this.blockFollow(true)) {
      if (lx.token === T.RETURN) {
        const ret = this.statement();
        if (ret !== null) stats.push(ret);
        break;
      }
      const stat = this.statement();
      if (stat !== null) stats.push(stat);
    }
    return { stats, endLine: lx.linenumber };
  }

  private statement(): Stat | null {
    const lx = this.lx;
    const line = lx.linenumber;
    this.enterLevel();
    let stat: Stat | null;
    switch (lx.token) {
      case SEMI:
        lx.next();
        stat = null;
        break;
      case T.IF: stat = this.ifStat(line); break;
      case T.WHILE: {
        lx.next();
        const cond = this.expr();
        this.checkNext(T.DO);
        const body = this.statList();
        this.checkMatch(T.END, T.WHILE, line);
        stat = { kind: 'While', line, cond, body };
        break;
      }
      case T.DO: {
        lx.next();
        const body = this.statList();
        this.checkMatch(T.END, T.DO, line);
        stat = { kind: 'Do', line, body };
        break;
      }
      case T.FOR: stat = this.forStat(line); break;
      case T.REPEAT: {
        lx.next();
        const body = this.statList();
        this.checkMatch(T.UNTIL, T.REPEAT, line);
        const cond = this.expr();
        stat = { kind: 'Repeat', line, body, cond };
        break;
      }
      case T.FUNCTION: stat = this.funcStat(line); break;
      case T.LOCAL:
        lx.next();
        if (this.testNext(T.FUNCTION)) {
          const name = this.checkName();
          stat = { kind: 'LocalFunction', line, name, func: this.body(false, lx.linenumber) };
        } else {
          stat = this.localStat(line);
        }
        break;
      case T.DBCOLON: {
        lx.next();
        const name = this.checkName();
        this.checkNext(T.DBCOLON);
        stat = { kind: 'Label', line, name };
        break;
      }
      case T.RETURN: {
        lx.next();
        let exprs: Expr[] = [];
        if (!this.blockFollow(true) && !this.at(SEMI)) exprs = this.exprList();
        this.testNext(SEMI);
        stat = { kind: 'Return', line, exprs };
        break;
      }
      case T.BREAK:
        lx.next();
        stat = { kind: 'Break', line };
        break;
      case T.GOTO: {
        lx.next();
        // The reference attributes a goto to the line of its label name.
        const nameLine = lx.linenumber;
        stat = { kind: 'Goto', line: nameLine, label: this.checkName() };
        break;
      }
      default:
        stat = this.exprStat(line);
    }
    this.leaveLevel();
    return stat;
  }

  /** IF cond THEN block {ELSEIF cond THEN block} [ELSE block] END */
  private ifStat(line: number): Stat {
    const lx = this.lx;
    const clauses: { cond: Expr; body: Block; line: number }[] = [];
    do {
      const clauseLine = lx.linenumber;
      lx.next(); // 'if' or 'elseif'
      const cond = this.expr();
      this.checkNext(T.THEN);
      clauses.push({ cond, body: this.statList(), line: clauseLine });
    } while (lx.token === T.ELSEIF);
    const orelse = this.testNext(T.ELSE) ? this.statList() : null;
    this.checkMatch(T.END, T.IF, line);
    return { kind: 'If', line, clauses, orelse };
  }

  /** FOR NAME '=' exp ',' exp [',' exp] DO block END | FOR NAME {',' NAME} IN explist DO block END */
  private forStat(line: number): Stat {
    const lx = this.lx;
    lx.next(); // 'for'
    const first = this.checkName();
    let stat: Stat;
    switch (lx.token) {
      case ASSIGN: {
        lx.next();
        const start = this.expr();
        this.checkNext(COMMA);
        const limit = this.expr();
        const step = this.testNext(COMMA) ? this.expr() : null;
        this.checkNext(T.DO);
        const body = this.statList();
        stat = { kind: 'NumericFor', line, name: first, start, limit, step, body };
        break;
      }
      case COMMA: case T.IN: {
        const names = [first];
        while (this.testNext(COMMA)) names.push(this.checkName());
        this.checkNext(T.IN);
        const exprs = this.exprList();
        this.checkNext(T.DO);
        const body = this.statList();
        stat = { kind: 'GenericFor', line, names, exprs, body };
        break;
      }
      default:
        return lx.syntaxError("'=' or 'in' expected");
    }
    this.checkMatch(T.END, T.FOR, line);
    return stat;
  }

  /** FUNCTION NAME {'.' NAME} [':' NAME] body */
  private funcStat(line: number): Stat {
    const lx = this.lx;
    lx.next(); // 'function'
    const path = [this.checkName()];
    while (lx.token === DOT) {
      lx.next();
      path.push(this.checkName());
    }
    let method: string | null = null;
    if (lx.token === COLON) {
      lx.next();
      method = this.checkName();
    }
    return { kind: 'Function', line, path, method, func: this.body(method !== null, line) };
  }

  /** LOCAL NAME attrib {',' NAME attrib} ['=' explist] */
  private localStat(line: number): Stat {
    const lx = this.lx;
    const names: { name: string; attrib: Attrib; line: number }[] = [];
    let hasClose = false;
    do {
      const nameLine = lx.linenumber;
      const name = this.checkName();
      const attrib = this.attrib();
      if (attrib === 'close') {
        if (hasClose) lx.semanticError('multiple to-be-closed variables in local list');
        hasClose = true;
      }
      names.push({ name, attrib, line: nameLine });
    } while (this.testNext(COMMA));
    const exprs = this.testNext(ASSIGN) ? this.exprList() : [];
    return { kind: 'Local', line, names, exprs };
  }

  /** ['<' NAME '>'] */
  private attrib(): Attrib {
    if (!this.testNext(LT)) return null;
    const name = this.checkName();
    this.checkNext(GT);
    if (name === 'const') return 'const';
    if (name === 'close') return 'close';
    return this.lx.semanticError(`unknown attribute '${name}'`);
  }

  /** An assignment or a call statement. */
  private exprStat(line: number): Stat {
    const lx = this.lx;
    const first = this.suffixedExpr();
    if (lx.token === ASSIGN || lx.token === COMMA) {
      const targets: (NameExpr | IndexExpr)[] = [this.assignable(first)];
      const checkLines = [lx.linenumber];
      let extraLevels = 0;
      while (this.testNext(COMMA)) {
        targets.push(this.assignable(this.suffixedExpr()));
        checkLines.push(lx.linenumber);
        this.enterLevel(); // the reference recurses once per extra target
        extraLevels++;
      }
      this.checkNext(ASSIGN);
      const exprs = this.exprList();
      this.levels -= extraLevels;
      return { kind: 'Assign', line, targets, exprs, checkLines };
    }
    if (first.kind !== 'Call' && first.kind !== 'MethodCall') return lx.syntaxError('syntax error');
    return { kind: 'CallStat', line, call: first };
  }

  private assignable(e: Expr): NameExpr | IndexExpr {
    if (e.kind === 'Name' || e.kind === 'Index') return e;
    return this.lx.syntaxError('syntax error');
  }

  // ---- functions ------------------------------------------------------------------------------

  /** body -> '(' parlist ')' block END, for a function whose definition line is `line`. */
  private body(isMethod: boolean, line: number): FuncBody {
    const lx = this.lx;
    const params: string[] = isMethod ? ['self'] : [];
    let isVararg = false;
    this.checkNext(LPAREN);
    if (lx.token !== RPAREN) {
      do {
        if (lx.token === T.NAME) {
          params.push(this.checkName());
        } else if (lx.token === T.DOTS) {
          lx.next();
          isVararg = true;
        } else {
          lx.syntaxError("<name> or '...' expected");
        }
      } while (!isVararg && this.testNext(COMMA));
    }
    this.checkNext(RPAREN);
    const outerVararg = this.inVararg;
    this.inVararg = isVararg;
    const body = this.statList();
    const lastLine = lx.linenumber;
    this.checkMatch(T.END, T.FUNCTION, line);
    this.inVararg = outerVararg;
    return { params, isVararg, body, line, lastLine };
  }

  // ---- expressions ----------------------------------------------------------------------------

  private exprList(): Expr[] {
    const list = [this.expr()];
    while (this.testNext(COMMA)) list.push(this.expr());
    return list;
  }

  private expr(): Expr {
    return this.subExpr(0);
  }

  /** subexpr -> (simpleexp | unop subexpr) { binop subexpr }, for operators binding tighter than `limit`. */
  private subExpr(limit: number): Expr {
    const lx = this.lx;
    this.enterLevel();
    let left: Expr;
    const unop = unaryOperator(lx.token);
    if (unop !== null) {
      const line = lx.linenumber;
      lx.next();
      const operand = this.subExpr(UNARY_PRIORITY);
      left = { kind: 'Unop', line, op: unop, operand };
    } else {
      left = this.simpleExpr();
    }
    for (;;) {
      const token = lx.token;
      if (LEFT_PRIORITY[token] <= limit) break; // also ends at non-operators (priority 0)
      const op = BINOP_OF[token] as BinOp;
      const line = lx.linenumber;
      lx.next();
      const right = this.subExpr(RIGHT_PRIORITY[token]);
      left = { kind: 'Binop', line, op, left, right, endLine: lx.lastline };
    }
    this.leaveLevel();
    return left;
  }

  private simpleExpr(): Expr {
    const lx = this.lx;
    const line = lx.linenumber;
    let e: Expr;
    switch (lx.token) {
      case T.NUMBER: e = { kind: 'Number', line, value: lx.nval }; break;
      case T.STRING: e = { kind: 'String', line, value: lx.sval }; break;
      case T.NIL: e = { kind: 'Nil', line }; break;
      case T.TRUE: e = { kind: 'True', line }; break;
      case T.FALSE: e = { kind: 'False', line }; break;
      case T.DOTS:
        if (!this.inVararg) lx.syntaxError("cannot use '...' outside a vararg function");
        e = { kind: 'Vararg', line };
        break;
      case LBRACE:
        return this.tableConstructor();
      case T.FUNCTION:
        lx.next();
        // The reference defines an anonymous function at the line of the token after 'function'.
        return { kind: 'Function', line, func: this.body(false, lx.linenumber) };
      default:
        return this.suffixedExpr();
    }
    lx.next();
    return e;
  }

  /** primaryexp -> NAME | '(' expr ')' */
  private primaryExpr(): Expr {
    const lx = this.lx;
    const line = lx.linenumber;
    if (lx.token === T.NAME) {
      const name = lx.sval;
      lx.next();
      return { kind: 'Name', line, name };
    }
    if (lx.token === LPAREN) {
      lx.next();
      const inner = this.expr();
      this.checkMatch(RPAREN, LPAREN, line);
      return { kind: 'Paren', line, expr: inner };
    }
    return lx.syntaxError('unexpected symbol');
  }

  /** suffixedexp -> primaryexp { '.' NAME | '[' exp ']' | ':' NAME funcargs | funcargs } */
  private suffixedExpr(): Expr {
    const lx = this.lx;
    const line = lx.linenumber;
    let e = this.primaryExpr();
    for (;;) {
      switch (lx.token) {
        case DOT: {
          const dotLine = lx.linenumber;
          lx.next();
          const keyLine = lx.linenumber;
          const key = this.checkName();
          e = { kind: 'Index', line: dotLine, obj: e, key: { kind: 'String', line: keyLine, value: key } };
          break;
        }
        case LBRACKET: {
          const bracketLine = lx.linenumber;
          lx.next();
          const key = this.expr();
          this.checkNext(RBRACKET);
          e = { kind: 'Index', line: bracketLine, obj: e, key };
          break;
        }
        case COLON: {
          const nameLine = lx.linenumber;
          lx.next();
          const name = this.checkName();
          const args = this.callArgs(line);
          e = { kind: 'MethodCall', line, obj: e, name, nameLine, args, endLine: lx.lastline };
          break;
        }
        case LPAREN: case T.STRING: case LBRACE: {
          const args = this.callArgs(line);
          e = { kind: 'Call', line, func: e, args, endLine: lx.lastline };
          break;
        }
        default:
          return e;
      }
    }
  }

  /** funcargs -> '(' [explist] ')' | constructor | STRING; `line` is where the call starts. */
  private callArgs(line: number): Expr[] {
    const lx = this.lx;
    switch (lx.token) {
      case LPAREN: {
        lx.next();
        const args = this.at(RPAREN) ? [] : this.exprList();
        this.checkMatch(RPAREN, LPAREN, line);
        return args;
      }
      case LBRACE:
        return [this.tableConstructor()];
      case T.STRING: {
        const arg: Expr = { kind: 'String', line: lx.linenumber, value: lx.sval };
        lx.next();
        return [arg];
      }
      default:
        return lx.syntaxError('function arguments expected');
    }
  }

  /** constructor -> '{' [ field { sep field } [sep] ] '}' with sep -> ',' | ';' */
  private tableConstructor(): Expr {
    const lx = this.lx;
    const line = lx.linenumber;
    this.checkNext(LBRACE);
    const items: TableItem[] = [];
    do {
      if (lx.token === RBRACE) break;
      items.push(this.field());
    } while (this.testNext(COMMA) || this.testNext(SEMI));
    const endLine = lx.linenumber;
    this.checkMatch(RBRACE, LBRACE, line);
    return { kind: 'Table', line, items, endLine };
  }

  /** field -> NAME '=' exp | '[' exp ']' '=' exp | exp */
  private field(): TableItem {
    const lx = this.lx;
    const line = lx.linenumber;
    if (lx.token === T.NAME) {
      if (lx.lookahead() !== ASSIGN) return { kind: 'Positional', value: this.expr() };
      const name = this.checkName();
      lx.next(); // '='
      return { kind: 'Named', name, value: this.expr(), line };
    }
    if (lx.token === LBRACKET) {
      lx.next();
      const key = this.expr();
      this.checkNext(RBRACKET);
      this.checkNext(ASSIGN);
      return { kind: 'Keyed', key, value: this.expr(), line };
    }
    return { kind: 'Positional', value: this.expr() };
  }
}

function unaryOperator(token: number): UnOp | null {
  switch (token) {
    case T.NOT: return 'not';
    case 45: return '-';
    case 126: return '~';
    case 35: return '#';
    default: return null;
  }
}
