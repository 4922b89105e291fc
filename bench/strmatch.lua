-- string building and pattern matching: build a log text, then parse it with gmatch, find,
-- match captures, gsub with function and table replacements, string.rep, upper/lower, byte/sub
local words = { "alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta" }
local lines = {}
for i = 1, 6000 do
  local w = words[i % #words + 1]
  lines[i] = string.format("%05d [%s] user=%s%d took %dms path=/a/%s/b%d.txt", i,
    i % 3 == 0 and "WARN" or "INFO", w, i % 97, (i * 7) % 1000, w, i % 10)
end
local text = table.concat(lines, "\n")
local checksum = 0
for round = 1, 20 do
  local warn, total = 0, 0
  for level, ms in text:gmatch("%[(%u+)%] user=%a+%d+ took (%d+)ms") do
    if level == "WARN" then warn = warn + 1 end
    total = total + tonumber(ms)
  end
  local users = {}
  for user in text:gmatch("user=(%w+)") do users[user] = (users[user] or 0) + 1 end
  local nusers = 0
  for _ in pairs(users) do nusers = nusers + 1 end
  local replaced, n = text:gsub("path=(%S+)", function(p) return "p=" .. #p end)
  local upper = text:sub(1, 2000):upper():lower()
  local pos, count = 1, 0
  while true do
    local s, e = text:find("theta", pos, true)
    if not s then break end
    count = count + 1
    pos = e + 1
  end
  local vowels = select(2, text:gsub("[aeiou]", { a = "A", e = "E" }))
  local bytes = 0
  for i = 1, #upper, 3 do bytes = bytes + upper:byte(i) end
  checksum = (checksum + warn + total + nusers + #replaced + n + count + vowels + bytes + round) % 1000000007
end
print("checksum", checksum)
