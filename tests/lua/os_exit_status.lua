-- os.exit with a number: the status is its low byte; output buffered by print and io.write is flushed
local f = io.tmpfile()
f:write("unflushed data of an open file")
io.write("partial line ")
print("then a full one")
io.stdout:write("and io.stdout:write")
os.exit(256 + 42)
