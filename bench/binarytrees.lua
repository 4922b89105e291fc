-- allocation: binary trees
local maxdepth = tonumber(arg and arg[1]) or 15
local function bottomup(d)
  if d == 0 then return {} end
  d = d - 1
  return {bottomup(d), bottomup(d)}
end
local function check(t)
  if t[1] then return 1 + check(t[1]) + check(t[2]) end
  return 1
end
local total = check(bottomup(maxdepth + 1))
local long = bottomup(maxdepth)
for d = 4, maxdepth, 2 do
  local iters = 2 ^ (maxdepth - d + 4) // 1
  local c = 0
  for _ = 1, iters do c = c + check(bottomup(d)) end
  total = total + c
end
print("checksum", total + check(long))
