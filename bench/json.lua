-- table-heavy code and strings: a JSON round trip (encoder with table buffers and
-- string.format/gsub escapes; recursive-descent decoder with string.byte/sub/find)
local encode
local escapes = { ['"'] = '\\"', ['\\'] = '\\\\', ['\n'] = '\\n', ['\t'] = '\\t' }
local function encodeString(s) return '"' .. s:gsub('["\\\n\t]', escapes) .. '"' end
local function encodeInto(v, buf)
  local t = type(v)
  if t == "table" then
    if #v > 0 or next(v) == nil then
      buf[#buf + 1] = "["
      for i = 1, #v do
        if i > 1 then buf[#buf + 1] = "," end
        encodeInto(v[i], buf)
      end
      buf[#buf + 1] = "]"
    else
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = k end
      table.sort(keys)
      buf[#buf + 1] = "{"
      for i, k in ipairs(keys) do
        if i > 1 then buf[#buf + 1] = "," end
        buf[#buf + 1] = encodeString(k)
        buf[#buf + 1] = ":"
        encodeInto(v[k], buf)
      end
      buf[#buf + 1] = "}"
    end
  elseif t == "string" then buf[#buf + 1] = encodeString(v)
  elseif t == "number" then
    if math.type(v) == "integer" then buf[#buf + 1] = tostring(v)
    else buf[#buf + 1] = string.format("%.4f", v) end
  elseif t == "boolean" then buf[#buf + 1] = v and "true" or "false"
  else buf[#buf + 1] = "null" end
end
function encode(v) local buf = {}; encodeInto(v, buf); return table.concat(buf) end

local decodeValue
local function skip(s, i) return (s:find("[^ \t\r\n]", i)) or #s + 1 end
local unescapes = { n = "\n", t = "\t", ['"'] = '"', ['\\'] = '\\', ['/'] = '/' }
local function decodeString(s, i)
  local buf = {}
  local j = i + 1
  while true do
    local c = s:byte(j)
    if c == 34 then return table.concat(buf), j + 1
    elseif c == 92 then buf[#buf + 1] = unescapes[s:sub(j + 1, j + 1)]; j = j + 2
    else
      local k = s:find('["\\]', j)
      buf[#buf + 1] = s:sub(j, k - 1)
      j = k
    end
  end
end
function decodeValue(s, i)
  i = skip(s, i)
  local c = s:byte(i)
  if c == 123 then -- {
    local obj = {}
    i = skip(s, i + 1)
    if s:byte(i) == 125 then return obj, i + 1 end
    while true do
      local key
      key, i = decodeString(s, skip(s, i))
      i = skip(s, i) + 1 -- ':'
      obj[key], i = decodeValue(s, i)
      i = skip(s, i)
      local d = s:byte(i)
      i = i + 1
      if d == 125 then return obj, i end
    end
  elseif c == 91 then -- [
    local arr = {}
    i = skip(s, i + 1)
    if s:byte(i) == 93 then return arr, i + 1 end
    while true do
      arr[#arr + 1], i = decodeValue(s, i)
      i = skip(s, i)
      local d = s:byte(i)
      i = i + 1
      if d == 93 then return arr, i end
    end
  elseif c == 34 then return decodeString(s, i)
  elseif c == 116 then return true, i + 4
  elseif c == 102 then return false, i + 5
  elseif c == 110 then return nil, i + 4
  else
    local num = s:match("^-?%d+%.?%d*", i)
    local v = num:find(".", 1, true) and tonumber(num) or math.tointeger(tonumber(num))
    return v, i + #num
  end
end
local function decode(s) return (decodeValue(s, 1)) end

local function makeDoc(seed, n)
  local items = {}
  for i = 1, n do
    items[i] = {
      id = seed * 1000 + i, name = "item \"" .. i .. "\"\tname", price = (i * 37 % 1000) / 8,
      tags = { "t" .. (i % 7), "u" .. (i % 11), "v" .. (i % 3) }, active = i % 2 == 0,
      dims = { w = i % 13, h = i % 17, d = i % 19 },
    }
  end
  return { version = seed, items = items, empty = {} }
end

local checksum = 0
for round = 1, 12 do
  local doc = makeDoc(round, 400)
  local text = encode(doc)
  local back = decode(text)
  local again = encode(back)
  assert(again == text, "round trip mismatch")
  checksum = (checksum + #text + back.items[round].id + back.items[7].dims.h) % 1000000
end
print("checksum", checksum)
