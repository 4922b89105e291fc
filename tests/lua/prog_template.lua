-- A realistic program: a small template engine built on gsub with function replacements.
-- Syntax: {{name}} (HTML-escaped), {{{name}}} (raw), {{a.b.c}} (paths), {{name|filter|filter}},
-- {{#each list}}...{{/each}} with {{.}}, {{@index}}, {{@first}}, {{@last}}, {{#if x}}...{{else}}
-- ...{{/if}}, {{^x}}...{{/x}} (inverted), {{! comment }}, and {{> partial}}.

local Template = {}

local htmlEscapes = {["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;", ["'"] = "&#39;"}

local function escapeHtml(s)
  return (tostring(s):gsub("[&<>\"']", htmlEscapes))
end

local filters = {
  upper = string.upper,
  lower = string.lower,
  trim = function(s) return (s:gsub("^%s+", ""):gsub("%s+$", "")) end,
  title = function(s) return (s:gsub("(%a)([%w']*)", function(a, b) return a:upper() .. b:lower() end)) end,
  len = function(s) return #s end,
  reverse = string.reverse,
  money = function(s)
    local n = tonumber(s) or 0
    local int, frac = string.format("%.2f", n):match("^(-?%d+)%.(%d+)$")
    int = int:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^(-?),", "%1")
    local sign = ""
    if int:sub(1, 1) == "-" then sign, int = "-", int:sub(2) end
    return sign .. "$" .. int .. "." .. frac
  end,
  pad10 = function(s) return string.format("%-10s", s) end,
  json = function(s) return string.format("%q", s) end,
}

-- resolve "a.b.c" against a stack of scopes (innermost last)
local function lookup(scopes, path)
  if path == "." then return scopes[#scopes] end
  for i = #scopes, 1, -1 do
    local scope = scopes[i]
    if type(scope) == "table" then
      local v = scope
      local found = true
      for part in path:gmatch("[^%.]+") do
        if type(v) ~= "table" then found = false; break end
        local key = math.tointeger(tonumber(part)) or part
        v = v[key]
        if v == nil then found = false; break end
      end
      if found then return v end
    end
  end
  return nil
end

local function truthy(v)
  if type(v) == "table" then return next(v) ~= nil end
  return v ~= nil and v ~= false and v ~= "" and v ~= 0
end

local function applyFilters(value, chain)
  for name in chain:gmatch("|%s*([%w_]+)") do
    local f = filters[name]
    if not f then error("unknown filter '" .. name .. "'", 0) end
    value = f(tostring(value))
  end
  return value
end

-- find the matching {{/tag}} for a block that starts after position `from`
local function findClose(src, tag, from)
  local depth = 1
  local pos = from
  while true do
    local s, e, kind, name = src:find("{{([#%^/])%s*([@%w_]+)[^}]*}}", pos)
    if not s then error("unclosed block '" .. tag .. "'", 0) end
    if name == tag then
      if kind == "/" then depth = depth - 1 else depth = depth + 1 end
      if depth == 0 then return s, e end
    end
    pos = e + 1
  end
end

local render

local function renderBlocks(src, scopes, partials)
  local out = {}
  local pos = 1
  while true do
    local s, e, kind, name, arg = src:find("{{([#%^])%s*([@%w_]+)%s*([^}]-)%s*}}", pos)
    if not s then
      out[#out + 1] = render(src:sub(pos), scopes, partials)
      break
    end
    out[#out + 1] = render(src:sub(pos, s - 1), scopes, partials)
    local cs, ce = findClose(src, name, e + 1)
    local body = src:sub(e + 1, cs - 1)
    if kind == "#" and name == "each" then
      local list = lookup(scopes, arg) or {}
      for i, item in ipairs(list) do
        local meta = {["@index"] = i, ["@first"] = i == 1, ["@last"] = i == #list}
        scopes[#scopes + 1] = meta
        scopes[#scopes + 1] = item
        out[#out + 1] = renderBlocks(body, scopes, partials)
        scopes[#scopes] = nil
        scopes[#scopes] = nil
      end
    elseif kind == "#" and name == "if" then
      local yes, no = body, ""
      local es, ee = body:find("{{else}}", 1, true)
      if es then yes, no = body:sub(1, es - 1), body:sub(ee + 1) end
      out[#out + 1] = renderBlocks(truthy(lookup(scopes, arg)) and yes or no, scopes, partials)
    elseif kind == "^" then
      if not truthy(lookup(scopes, name)) then out[#out + 1] = renderBlocks(body, scopes, partials) end
    else
      error("unknown block '" .. name .. "'", 0)
    end
    pos = ce + 1
  end
  return table.concat(out)
end

function render(src, scopes, partials)
  src = src:gsub("{{!.-}}", "")
  src = src:gsub("{{>%s*([%w_]+)%s*}}", function(name)
    local p = partials[name]
    if not p then error("unknown partial '" .. name .. "'", 0) end
    return renderBlocks(p, scopes, partials)
  end)
  src = src:gsub("{{{%s*([^}|%s]+)%s*(|?[^}]*)}}}", function(path, chain)
    return tostring(applyFilters(lookup(scopes, path) or "", chain))
  end)
  src = src:gsub("{{%s*([@%w_%.]+)%s*(|?[^}]*)}}", function(path, chain)
    local v = lookup(scopes, path)
    if v == nil then return "" end
    return escapeHtml(applyFilters(v, chain))
  end)
  return src
end

function Template.render(src, data, partials)
  return renderBlocks(src, {data}, partials or {})
end

-- the program --------------------------------------------------------------------------------

local data = {
  title = "Order <#1234> & \"friends\"",
  customer = {name = "ada lovelace", email = "ada@example.com", address = {city = "London", zip = "N1 9GU"}},
  items = {
    {name = "Analytical engine", qty = 1, price = 12345.5},
    {name = "Punch cards", qty = 500, price = 0.02},
    {name = "Brass gears", qty = 12, price = 3.75},
  },
  notes = {},
  discount = 0,
  vip = true,
  tags = {"math", "poetry", "engines"},
}

local partials = {
  footer = "-- {{customer.email}} / {{customer.address.city}} {{customer.address.zip}} --",
}

local page = [[
<h1>{{title}}</h1>
<h2>{{{title}}}</h2>
{{! this comment disappears }}
Customer: {{customer.name|title}} ({{customer.name|upper|reverse}})
{{#each items}}{{@index}}. {{name|pad10}}| qty {{qty}} x {{price|money}}{{#if @last}} (last){{/if}}
{{/each}}
{{#if vip}}VIP customer{{else}}regular customer{{/if}}
{{#if discount}}discount!{{else}}no discount{{/if}}
{{^notes}}no notes{{/notes}}
Tags: {{#each tags}}{{.}}{{^@last}}, {{/@last}}{{/each}}
First tag: {{tags.1|upper}}, missing: [{{nothing}}], nested: [{{customer.address.nope}}]
{{> footer}}]]

print(Template.render(page, data, partials))

-- totals computed in Lua and formatted through the template
local total = 0
for _, item in ipairs(data.items) do total = total + item.qty * item.price end
print(Template.render("Total: {{t|money}} ({{n}} items, {{t}})", {t = total, n = #data.items}))

-- nested loops and scopes
local matrix = {rows = {{cells = {1, 2, 3}}, {cells = {4, 5, 6}}, {cells = {}}}}
print(Template.render("{{#each rows}}[{{#each cells}}{{.}}{{^@last}} {{/@last}}{{/each}}]{{/each}}", matrix))
print(Template.render("{{#each people}}{{name}} is {{age}}{{#if kids}} with kids: {{#each kids}}{{.|upper}} {{/each}}{{/if}};{{/each}}",
  {people = {{name = "A", age = 30, kids = {"x", "y"}}, {name = "B", age = 40, kids = {}}}}))

-- escaping, filters and special characters in values (% in replacement values is literal)
print(Template.render("{{v}}|{{{v}}}|{{v|json}}|{{v|len}}", {v = "100% <b>bold</b> & 'q' %1 %%"}))
print(Template.render("{{s|trim|title}}!", {s = "   hello   wide world  "}))
print(Template.render("{{n|money}} {{m|money}} {{z|money}}", {n = 1234567.891, m = -9876.5, z = 0}))

-- errors
for _, src in ipairs({"{{#each x}}unclosed", "{{v|nofilter}}", "{{> nopartial}}", "{{#bogus x}}y{{/bogus}}"}) do
  print(pcall(Template.render, src, {v = 1, x = {}}))
end

-- a large render stays exact
local rows = {}
for i = 1, 300 do rows[i] = {id = i, label = "row" .. i, even = i % 2 == 0} end
local big = Template.render("{{#each rows}}<tr id=\"{{id}}\">{{label|upper}}{{#if even}}*{{/if}}</tr>\n{{/each}}", {rows = rows})
local lines = select(2, big:gsub("\n", "\n"))
print(#big, lines, big:sub(1, 40), big:sub(-30))
