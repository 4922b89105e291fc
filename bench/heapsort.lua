-- arrays: heapsort and insertion sort of integer arrays, matrix multiplication on nested arrays
local function heapsort(a, n)
  local function sift(start, stop)
    local root = start
    while root * 2 <= stop do
      local child = root * 2
      if child < stop and a[child] < a[child + 1] then child = child + 1 end
      if a[root] < a[child] then
        a[root], a[child] = a[child], a[root]
        root = child
      else return end
    end
  end
  for start = n // 2, 1, -1 do sift(start, n) end
  for stop = n, 2, -1 do
    a[stop], a[1] = a[1], a[stop]
    sift(1, stop - 1)
  end
end
local function matmul(a, b, n)
  local c = {}
  for i = 1, n do
    local ci, ai = {}, a[i]
    for j = 1, n do
      local s = 0
      for k = 1, n do s = s + ai[k] * b[k][j] end
      ci[j] = s
    end
    c[i] = ci
  end
  return c
end
local seed = 42
local function rand() seed = (seed * 75 + 74) % 65537; return seed end
local checksum = 0
for round = 1, 3 do
  local n = 100000
  local a = {}
  for i = 1, n do a[i] = rand() % 100000 end
  heapsort(a, n)
  for i = 2, n do assert(a[i - 1] <= a[i]) end
  checksum = (checksum + a[1] + a[n // 2] + a[n]) % 1000000007
  local m = 60
  local x, y = {}, {}
  for i = 1, m do
    x[i], y[i] = {}, {}
    for j = 1, m do x[i][j] = (i + j) % 10; y[i][j] = (i * j) % 10 end
  end
  local z = matmul(x, y, m)
  for i = 1, m do checksum = (checksum + z[i][i] + z[i][m - i + 1]) % 1000000007 end
end
print("checksum", checksum)
