-- integer loops: count the solutions of the N-queens problem by backtracking over arrays
local function queens(n)
  local col, diag1, diag2 = {}, {}, {}
  for i = 1, 2 * n do col[i] = false; diag1[i] = false; diag2[i] = false end
  local count = 0
  local function place(row)
    if row > n then count = count + 1; return end
    for c = 1, n do
      local d1, d2 = row + c, row - c + n
      if not col[c] and not diag1[d1] and not diag2[d2] then
        col[c], diag1[d1], diag2[d2] = true, true, true
        place(row + 1)
        col[c], diag1[d1], diag2[d2] = false, false, false
      end
    end
  end
  place(1)
  return count
end
local total = 0
for n = 4, 9 do total = total + queens(n) * n end
total = total + queens(10) + queens(11) + queens(12)
print("checksum", total)
