// The front end's entry points: source text -> AST -> Proto.
import type { Chunk } from './ast.js';
import type { Proto } from '../bytecode/proto.js';
import { parse as parseChunk } from './parser.js';
import { compileChunk } from './compiler.js';

export function parse(source: string, chunkname: string): Chunk {
  return parseChunk(source, chunkname);
}

/** Compile Lua source (a byte string) to the main function's Proto; throws LuaException on syntax errors. */
export function compile(source: string, chunkname: string, cCalls = 1): Proto {
  return compileChunk(parseChunk(source, chunkname, cCalls));
}
