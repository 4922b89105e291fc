// Benchmark driver: run a Lua file with wasmoon (PUC-Lua 5.4 compiled to WebAssembly).
//   node bench/drivers/wasmoon.js file.lua
import { readFileSync } from 'node:fs';
import { LuaFactory } from 'wasmoon';

const file = process.argv[2];
const factory = new LuaFactory();
const lua = await factory.createEngine();
try {
  await lua.doString(readFileSync(file, 'utf8'));
} catch (e) {
  process.stderr.write('wasmoon: ' + (e instanceof Error ? e.message : String(e)) + '\n');
  process.exit(1);
} finally {
  lua.global.close();
}
