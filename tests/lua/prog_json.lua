-- A realistic program: a JSON encoder and decoder written with the string and table
-- libraries (patterns, string.format, byte/char, table.concat/sort), round-tripping documents.

local json = {}

---------------------------------------------------------------------------------------------
-- encoder
---------------------------------------------------------------------------------------------

local escapes = {
  ['"'] = '\\"', ["\\"] = "\\\\", ["\b"] = "\\b", ["\f"] = "\\f",
  ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t",
}

local function escapeString(s)
  return '"' .. s:gsub('[%c"\\]', function(c)
    return escapes[c] or string.format("\\u%04x", c:byte())
  end) .. '"'
end

local function isArray(t)
  local n = 0
  for k in pairs(t) do
    if math.type(k) ~= "integer" or k < 1 then return false end
    if k > n then n = k end
  end
  for i = 1, n do
    if t[i] == nil then return false end
  end
  return true, n
end

local encodeValue

local function encodeNumber(x)
  if x ~= x or x == math.huge or x == -math.huge then
    error("cannot encode non-finite number " .. tostring(x))
  end
  if math.type(x) == "integer" then return tostring(x) end
  if x == math.floor(x) and math.abs(x) < 2^53 then return string.format("%.1f", x) end
  return string.format("%.17g", x)
end

function encodeValue(v, indent, depth, seen, out)
  local ty = type(v)
  if v == nil or v == json.null then
    out[#out + 1] = "null"
  elseif ty == "boolean" then
    out[#out + 1] = tostring(v)
  elseif ty == "number" then
    out[#out + 1] = encodeNumber(v)
  elseif ty == "string" then
    out[#out + 1] = escapeString(v)
  elseif ty == "table" then
    if seen[v] then error("circular reference") end
    seen[v] = true
    local pad = indent and ("\n" .. string.rep(indent, depth + 1)) or ""
    local closePad = indent and ("\n" .. string.rep(indent, depth)) or ""
    local arr, n = isArray(v)
    if arr and (n > 0 or getmetatable(v) ~= json.objectMeta) then
      if n == 0 then
        out[#out + 1] = "[]"
      else
        out[#out + 1] = "["
        for i = 1, n do
          if i > 1 then out[#out + 1] = "," end
          out[#out + 1] = pad
          encodeValue(v[i], indent, depth + 1, seen, out)
        end
        out[#out + 1] = closePad .. "]"
      end
    else
      local keys = {}
      for k in pairs(v) do
        if type(k) ~= "string" then error("object keys must be strings, got " .. type(k)) end
        keys[#keys + 1] = k
      end
      table.sort(keys)
      if #keys == 0 then
        out[#out + 1] = "{}"
      else
        out[#out + 1] = "{"
        for i, k in ipairs(keys) do
          if i > 1 then out[#out + 1] = "," end
          out[#out + 1] = pad .. escapeString(k) .. (indent and ": " or ":")
          encodeValue(v[k], indent, depth + 1, seen, out)
        end
        out[#out + 1] = closePad .. "}"
      end
    end
    seen[v] = nil
  else
    error("cannot encode a " .. ty)
  end
end

function json.encode(v, indent)
  local out = {}
  encodeValue(v, indent, 0, {}, out)
  return table.concat(out)
end

json.null = setmetatable({}, {__tostring = function() return "null" end})
json.objectMeta = {}

---------------------------------------------------------------------------------------------
-- decoder
---------------------------------------------------------------------------------------------

local function utf8Encode(cp)
  if cp < 0x80 then return string.char(cp) end
  if cp < 0x800 then return string.char(0xC0 | (cp >> 6), 0x80 | (cp & 0x3F)) end
  if cp < 0x10000 then
    return string.char(0xE0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F))
  end
  return string.char(0xF0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3F), 0x80 | ((cp >> 6) & 0x3F), 0x80 | (cp & 0x3F))
end

local Decoder = {}
Decoder.__index = Decoder

function Decoder:fail(msg)
  local line, col = 1, 1
  for i = 1, self.pos - 1 do
    if self.src:byte(i) == 10 then line, col = line + 1, 1 else col = col + 1 end
  end
  error(string.format("json: %s at line %d column %d", msg, line, col), 0)
end

function Decoder:skip()
  self.pos = self.src:find("[^ \t\r\n]", self.pos) or #self.src + 1
end

function Decoder:peek()
  return self.src:sub(self.pos, self.pos)
end

local unescapes = {['"'] = '"', ["\\"] = "\\", ["/"] = "/", b = "\b", f = "\f", n = "\n", r = "\r", t = "\t"}

function Decoder:string()
  local src = self.src
  local pos = self.pos + 1 -- after the opening quote
  local parts = {}
  while true do
    local s, e = src:find('["\\%c]', pos)
    if not s then self.pos = #src + 1; self:fail("unterminated string") end
    parts[#parts + 1] = src:sub(pos, s - 1)
    local c = src:sub(s, s)
    if c == '"' then
      self.pos = e + 1
      return table.concat(parts)
    elseif c == "\\" then
      local esc = src:sub(s + 1, s + 1)
      if esc == "u" then
        local hex = src:match("^%x%x%x%x", s + 2)
        if not hex then self.pos = s; self:fail("invalid unicode escape") end
        local cp = tonumber(hex, 16)
        pos = s + 6
        if cp >= 0xD800 and cp <= 0xDBFF then
          local low = src:match("^\\u(%x%x%x%x)", pos)
          local lo = low and tonumber(low, 16)
          if not lo or lo < 0xDC00 or lo > 0xDFFF then self.pos = s; self:fail("unpaired surrogate") end
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00)
          pos = pos + 6
        end
        parts[#parts + 1] = utf8Encode(cp)
      elseif unescapes[esc] then
        parts[#parts + 1] = unescapes[esc]
        pos = s + 2
      else
        self.pos = s
        self:fail("invalid escape '\\" .. esc .. "'")
      end
    else
      self.pos = s
      self:fail("control character in string")
    end
  end
end

function Decoder:number()
  local s, e = self.src:find("^-?%d+%.?%d*[eE]?[-+]?%d*", self.pos)
  if not s then self:fail("malformed number") end
  local text = self.src:sub(s, e)
  if text:match("^-?0%d") then self:fail("leading zero in number") end
  local n = text:find("[.eE]") and tonumber(text) or math.tointeger(tonumber(text)) or tonumber(text)
  if not n then self:fail("malformed number '" .. text .. "'") end
  self.pos = e + 1
  return n
end

function Decoder:value(depth)
  if depth > 200 then self:fail("too deeply nested") end
  self:skip()
  local c = self:peek()
  if c == "{" then
    self.pos = self.pos + 1
    local obj = setmetatable({}, json.objectMeta)
    self:skip()
    if self:peek() == "}" then self.pos = self.pos + 1; return obj end
    while true do
      self:skip()
      if self:peek() ~= '"' then self:fail("expected string key") end
      local k = self:string()
      self:skip()
      if self:peek() ~= ":" then self:fail("expected ':'") end
      self.pos = self.pos + 1
      obj[k] = self:value(depth + 1)
      self:skip()
      local d = self:peek()
      self.pos = self.pos + 1
      if d == "}" then return obj end
      if d ~= "," then self.pos = self.pos - 1; self:fail("expected ',' or '}'") end
    end
  elseif c == "[" then
    self.pos = self.pos + 1
    local arr = {}
    self:skip()
    if self:peek() == "]" then self.pos = self.pos + 1; return arr end
    while true do
      arr[#arr + 1] = self:value(depth + 1)
      self:skip()
      local d = self:peek()
      self.pos = self.pos + 1
      if d == "]" then return arr end
      if d ~= "," then self.pos = self.pos - 1; self:fail("expected ',' or ']'") end
    end
  elseif c == '"' then
    return self:string()
  elseif c:match("[-%d]") then
    return self:number()
  else
    for word, val in pairs({["true"] = true, ["false"] = false, null = json.null}) do
      if self.src:sub(self.pos, self.pos + #word - 1) == word then
        self.pos = self.pos + #word
        return val
      end
    end
    if c == "" then self:fail("unexpected end of input") end
    self:fail("unexpected character '" .. c .. "'")
  end
end

function json.decode(src)
  local d = setmetatable({src = src, pos = 1}, Decoder)
  local v = d:value(0)
  d:skip()
  if d.pos <= #src then d:fail("trailing garbage") end
  return v
end

---------------------------------------------------------------------------------------------
-- the program
---------------------------------------------------------------------------------------------

local doc = {
  name = "Moonlet \"VM\"",
  version = {major = 0, minor = 1, patch = 0},
  tags = {"lua", "vm", "typescript"},
  ratio = 0.75,
  big = 2^53,
  negative = -42,
  tiny = 1.5e-10,
  huge = 1.7976931348623157e308,
  escapes = "tab\tnewline\nquote\"backslash\\slash/ctrl\1\31del\127",
  unicode = "caf\u{E9} \u{65E5}\u{672C} \u{1F600}",
  empty = {},
  emptyObject = setmetatable({}, json.objectMeta),
  nested = {{1, 2, {3, {4, {5}}}}, {a = {b = {c = {d = "deep"}}}}},
  flags = {yes = true, no = false, none = json.null},
  mixed = {1, "two", 3.5, false, json.null, {x = 1}},
}

local compact = json.encode(doc)
print(compact)
print(#compact)
local pretty = json.encode(doc, "  ")
print(pretty)

local back = json.decode(compact)
local again = json.encode(back)
print(again == compact, #again)
print(json.encode(json.decode(pretty)) == compact)
print(back.name, back.version.minor, back.tags[3], back.ratio, back.big, math.type(back.big), back.negative, back.tiny)
print(back.unicode, #back.unicode, back.escapes == doc.escapes, back.nested[2].a.b.c.d, back.flags.none == json.null)
print(back.huge == doc.huge, back.mixed[6].x, tostring(back.mixed[5]), back.mixed[3])

-- decoding JSON written by others: escapes, whitespace, numbers
local input = [[
{
  "id": 12345, "price": 19.99, "exp": 1E3, "neg": -0.5e-3, "zero": 0, "negzero": -0,
  "text": "\u0048\u0065llo\u002C W\u00f6rld \ud83d\ude00 \/ \b\f\n\r\t",
  "list": [ 1 , [ ] , { } , [ [ [ ] ] ] , "" ],
  "keys": {"z": 1, "a": 2, "M": 3, "": 4, "\u00e9": 5}
}
]]
local v = json.decode(input)
print(v.id, math.type(v.id), v.price, v.exp, math.type(v.exp), v.neg, v.zero, v.negzero)
print(string.format("%q", v.text))
print(#v.list, #v.list[2], next(v.list[3]), #v.list[4][1], v.list[5] == "")
print(json.encode(v.keys), json.encode(v))

-- errors carry positions
local bad = {
  '{"a": 1,}', '[1, 2', '{"a" 1}', '"unterminated', '"bad \\x escape"', '[01]', 'tru', '{"a": [1, 2]] ',
  '"\\ud800"', '"ctrl \1 char"', '', '   ', '{"a":1} extra', string.rep("[", 300) .. string.rep("]", 300), '-',
  '"\\u12"', '{1: 2}', '[1,,2]',
}
for _, src in ipairs(bad) do
  local ok, err = pcall(json.decode, src)
  print(ok, err)
end
for _, v in ipairs({0 / 0, math.huge, print, {[1] = 1, [3] = 3}, {[true] = 1}}) do
  local ok, err = pcall(json.encode, v)
  print(ok, ok and err or err:gsub("^.-:%d+: ", ""))
end
do
  local circ = {}
  circ.self = circ
  print(pcall(json.encode, circ))
end

-- a larger generated document round-trips exactly
local rows = {}
for i = 1, 200 do
  rows[i] = {id = i, name = string.format("item-%03d", i), score = (i * 7919) % 1000 / 10, tags = {i % 2 == 0 and "even" or "odd", "t" .. i % 5}}
end
local big = json.encode({rows = rows, count = #rows})
local decoded = json.decode(big)
print(#big, decoded.count, decoded.rows[200].name, decoded.rows[77].score, json.encode(decoded) == big)
local total = 0
for _, r in ipairs(decoded.rows) do total = total + r.score end
print(string.format("%.2f", total))
