-- file I/O: write 300k formatted lines, read them back with io.lines, "n" and 4 KB blocks
local name = os.tmpname()
local f = assert(io.open(name, "w"))
for i = 1, 300000 do f:write("line ", i, " value ", i * 0.5, "\n") end
f:close()
local lines, bytes = 0, 0
for l in io.lines(name) do lines = lines + 1; bytes = bytes + #l end
local sum = 0
f = assert(io.open(name))
for _ = 1, 300000 do
  f:read(5)
  sum = sum + f:read("n")
  f:read(7)
  sum = sum + f:read("n")
  f:read("l")
end
f:close()
local blocks = 0
f = assert(io.open(name, "rb"))
while true do
  local b = f:read(4096)
  if not b then break end
  blocks = blocks + 1
end
f:close()
os.remove(name)
print("checksum", lines, bytes, sum, blocks)
