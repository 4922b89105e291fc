// Benchmark driver: run a Lua file with fengari (Lua 5.3 VM in pure JavaScript).
//   node bench/drivers/fengari.js file.lua
import fengari from 'fengari';

const { lua, lauxlib, lualib, to_luastring, to_jsstring } = fengari;
const L = lauxlib.luaL_newstate();
lualib.luaL_openlibs(L);
const file = process.argv[2];
if (lauxlib.luaL_loadfile(L, to_luastring(file)) !== lua.LUA_OK || lua.lua_pcall(L, 0, 0, 0) !== lua.LUA_OK) {
  process.stderr.write('fengari: ' + to_jsstring(lua.lua_tostring(L, -1)) + '\n');
  process.exit(1);
}
