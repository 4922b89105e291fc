-- object-oriented code: a DeltaBlue-style incremental constraint solver (after Freeman-Benson
-- and Maloney's algorithm as in the classic benchmark): a class hierarchy of constraints,
-- polymorphic method calls, ordered collections, plan extraction and execution.

local function class(parent)
  local c = {}
  c.__index = c
  if parent then setmetatable(c, {__index = parent}) end
  return c
end

-- ordered collection
local List = class()
function List.new() return setmetatable({n = 0}, List) end
function List:add(x) local n = self.n + 1; self.n = n; self[n] = x end
function List:size() return self.n end
function List:at(i) return self[i] end
function List:removeFirst() local x = self[1]; table.remove(self, 1); self.n = self.n - 1; return x end
function List:remove(x)
  local j = 0
  for i = 1, self.n do
    local v = self[i]
    self[i] = nil
    if v ~= x then j = j + 1; self[j] = v end
  end
  self.n = j
end

-- strengths
local Strength = class()
function Strength.new(v, name) return setmetatable({value = v, name = name}, Strength) end
local REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAK_DEFAULT, WEAKEST =
  Strength.new(0, "required"), Strength.new(1, "strongPreferred"), Strength.new(2, "preferred"),
  Strength.new(3, "strongDefault"), Strength.new(4, "normal"), Strength.new(5, "weakDefault"),
  Strength.new(6, "weakest")
local function stronger(a, b) return a.value < b.value end
local function weaker(a, b) return a.value > b.value end
local function weakestOf(a, b) if weaker(a, b) then return a end return b end
local nextWeaker = { [0] = WEAKEST, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAK_DEFAULT, WEAKEST }
nextWeaker[0] = STRONG_PREFERRED; nextWeaker[1] = PREFERRED; nextWeaker[2] = STRONG_DEFAULT
nextWeaker[3] = NORMAL; nextWeaker[4] = WEAK_DEFAULT; nextWeaker[5] = WEAKEST; nextWeaker[6] = WEAKEST

local planner

-- variables
local Variable = class()
function Variable.new(name, value)
  return setmetatable({value = value or 0, constraints = List.new(), determinedBy = nil, mark = 0,
    walkStrength = WEAKEST, stay = true, name = name}, Variable)
end
function Variable:addConstraint(c) self.constraints:add(c) end
function Variable:removeConstraint(c)
  self.constraints:remove(c)
  if self.determinedBy == c then self.determinedBy = nil end
end

-- constraints
local Constraint = class()
function Constraint:addConstraint() self:addToGraph(); planner:incrementalAdd(self) end
function Constraint:satisfy(mark)
  self:chooseMethod(mark)
  if not self:isSatisfied() then
    if self.strength == REQUIRED then error("Could not satisfy a required constraint!") end
    return nil
  end
  self:markInputs(mark)
  local out = self:output()
  local overridden = out.determinedBy
  if overridden ~= nil then overridden:markUnsatisfied() end
  out.determinedBy = self
  if not planner:addPropagate(self, mark) then error("Cycle encountered") end
  out.mark = mark
  return overridden
end
function Constraint:destroyConstraint()
  if self:isSatisfied() then planner:incrementalRemove(self) else self:removeFromGraph() end
end
function Constraint:isInput() return false end

local UnaryConstraint = class(Constraint)
function UnaryConstraint.init(self, v, strength)
  self.myOutput = v; self.strength = strength; self.satisfied = false
  self:addConstraint()
  return self
end
function UnaryConstraint:addToGraph() self.myOutput:addConstraint(self); self.satisfied = false end
function UnaryConstraint:chooseMethod(mark)
  self.satisfied = self.myOutput.mark ~= mark and stronger(self.strength, self.myOutput.walkStrength)
end
function UnaryConstraint:isSatisfied() return self.satisfied end
function UnaryConstraint:markInputs(mark) end
function UnaryConstraint:output() return self.myOutput end
function UnaryConstraint:recalculate()
  self.myOutput.walkStrength = self.strength
  self.myOutput.stay = not self:isInput()
  if self.myOutput.stay then self:execute() end
end
function UnaryConstraint:markUnsatisfied() self.satisfied = false end
function UnaryConstraint:inputsKnown() return true end
function UnaryConstraint:removeFromGraph()
  if self.myOutput ~= nil then self.myOutput:removeConstraint(self) end
  self.satisfied = false
end

local StayConstraint = class(UnaryConstraint)
function StayConstraint.new(v, s) return UnaryConstraint.init(setmetatable({}, StayConstraint), v, s) end
function StayConstraint:execute() end

local EditConstraint = class(UnaryConstraint)
function EditConstraint.new(v, s) return UnaryConstraint.init(setmetatable({}, EditConstraint), v, s) end
function EditConstraint:isInput() return true end
function EditConstraint:execute() end

local NONE, FORWARD, BACKWARD = 0, 1, 2
local BinaryConstraint = class(Constraint)
function BinaryConstraint.init(self, v1, v2, strength)
  self.v1 = v1; self.v2 = v2; self.strength = strength; self.direction = NONE
  self:addConstraint()
  return self
end
function BinaryConstraint:chooseMethod(mark)
  local v1, v2 = self.v1, self.v2
  if v1.mark == mark then
    if v2.mark ~= mark and stronger(self.strength, v2.walkStrength) then self.direction = FORWARD
    else self.direction = NONE end
  end
  if v2.mark == mark then
    if v1.mark ~= mark and stronger(self.strength, v1.walkStrength) then self.direction = BACKWARD
    else self.direction = NONE end
  end
  if weaker(v1.walkStrength, v2.walkStrength) then
    if stronger(self.strength, v1.walkStrength) then self.direction = BACKWARD else self.direction = NONE end
  else
    if stronger(self.strength, v2.walkStrength) then self.direction = FORWARD else self.direction = BACKWARD end
  end
end
function BinaryConstraint:addToGraph()
  self.v1:addConstraint(self); self.v2:addConstraint(self); self.direction = NONE
end
function BinaryConstraint:isSatisfied() return self.direction ~= NONE end
function BinaryConstraint:markInputs(mark) self:input().mark = mark end
function BinaryConstraint:input() if self.direction == FORWARD then return self.v1 end return self.v2 end
function BinaryConstraint:output() if self.direction == FORWARD then return self.v2 end return self.v1 end
function BinaryConstraint:recalculate()
  local ihn, out = self:input(), self:output()
  out.walkStrength = weakestOf(self.strength, ihn.walkStrength)
  out.stay = ihn.stay
  if out.stay then self:execute() end
end
function BinaryConstraint:markUnsatisfied() self.direction = NONE end
function BinaryConstraint:inputsKnown(mark)
  local i = self:input()
  return i.mark == mark or i.stay or i.determinedBy == nil
end
function BinaryConstraint:removeFromGraph()
  if self.v1 ~= nil then self.v1:removeConstraint(self) end
  if self.v2 ~= nil then self.v2:removeConstraint(self) end
  self.direction = NONE
end

local ScaleConstraint = class(BinaryConstraint)
function ScaleConstraint.new(src, scale, offset, dest, strength)
  local self = setmetatable({direction = NONE, scale = scale, offset = offset}, ScaleConstraint)
  return BinaryConstraint.init(self, src, dest, strength)
end
function ScaleConstraint:addToGraph()
  BinaryConstraint.addToGraph(self)
  self.scale:addConstraint(self); self.offset:addConstraint(self)
end
function ScaleConstraint:removeFromGraph()
  BinaryConstraint.removeFromGraph(self)
  if self.scale ~= nil then self.scale:removeConstraint(self) end
  if self.offset ~= nil then self.offset:removeConstraint(self) end
end
function ScaleConstraint:markInputs(mark)
  BinaryConstraint.markInputs(self, mark)
  self.scale.mark = mark; self.offset.mark = mark
end
function ScaleConstraint:execute()
  if self.direction == FORWARD then
    self.v2.value = self.v1.value * self.scale.value + self.offset.value
  else
    self.v1.value = (self.v2.value - self.offset.value) // self.scale.value
  end
end
function ScaleConstraint:recalculate()
  local ihn, out = self:input(), self:output()
  out.walkStrength = weakestOf(self.strength, ihn.walkStrength)
  out.stay = ihn.stay and self.scale.stay and self.offset.stay
  if out.stay then self:execute() end
end

local EqualityConstraint = class(BinaryConstraint)
function EqualityConstraint.new(v1, v2, s)
  return BinaryConstraint.init(setmetatable({}, EqualityConstraint), v1, v2, s)
end
function EqualityConstraint:execute() self:output().value = self:input().value end

-- plans
local Plan = class(List)
function Plan.new() return setmetatable({n = 0}, Plan) end
function Plan:execute()
  for i = 1, self.n do self[i]:execute() end
end

-- the planner
local Planner = class()
function Planner.new() return setmetatable({currentMark = 0}, Planner) end
function Planner:newMark() self.currentMark = self.currentMark + 1; return self.currentMark end
function Planner:incrementalAdd(c)
  local mark = self:newMark()
  local overridden = c:satisfy(mark)
  while overridden ~= nil do overridden = overridden:satisfy(mark) end
end
function Planner:incrementalRemove(c)
  local out = c:output()
  c:markUnsatisfied()
  c:removeFromGraph()
  local unsatisfied = self:removePropagateFrom(out)
  local strength = REQUIRED
  repeat
    for i = 1, unsatisfied:size() do
      local u = unsatisfied:at(i)
      if u.strength == strength then self:incrementalAdd(u) end
    end
    strength = nextWeaker[strength.value]
  until strength == WEAKEST
end
function Planner:makePlan(sources)
  local mark = self:newMark()
  local plan = Plan.new()
  local todo = sources
  while todo:size() > 0 do
    local c = todo:removeFirst()
    if c:output().mark ~= mark and c:inputsKnown(mark) then
      plan:add(c)
      c:output().mark = mark
      self:addConstraintsConsumingTo(c:output(), todo)
    end
  end
  return plan
end
function Planner:extractPlanFromConstraints(constraints)
  local sources = List.new()
  for i = 1, constraints:size() do
    local c = constraints:at(i)
    if c:isInput() and c:isSatisfied() then sources:add(c) end
  end
  return self:makePlan(sources)
end
function Planner:addPropagate(c, mark)
  local todo = List.new()
  todo:add(c)
  while todo:size() > 0 do
    local d = todo:removeFirst()
    if d:output().mark == mark then self:incrementalRemove(c); return false end
    d:recalculate()
    self:addConstraintsConsumingTo(d:output(), todo)
  end
  return true
end
function Planner:removePropagateFrom(out)
  out.determinedBy = nil
  out.walkStrength = WEAKEST
  out.stay = true
  local unsatisfied = List.new()
  local todo = List.new()
  todo:add(out)
  while todo:size() > 0 do
    local v = todo:removeFirst()
    for i = 1, v.constraints:size() do
      local c = v.constraints:at(i)
      if not c:isSatisfied() then unsatisfied:add(c) end
    end
    local determining = v.determinedBy
    for i = 1, v.constraints:size() do
      local next = v.constraints:at(i)
      if next ~= determining and next:isSatisfied() then
        next:recalculate()
        todo:add(next:output())
      end
    end
  end
  return unsatisfied
end
function Planner:addConstraintsConsumingTo(v, coll)
  local determining = v.determinedBy
  local cc = v.constraints
  for i = 1, cc:size() do
    local c = cc:at(i)
    if c ~= determining and c:isSatisfied() then coll:add(c) end
  end
end

local checksum = 0
local function change(v, newValue)
  local edit = EditConstraint.new(v, PREFERRED)
  local edits = List.new()
  edits:add(edit)
  local plan = planner:extractPlanFromConstraints(edits)
  for _ = 1, 10 do v.value = newValue; plan:execute() end
  edit:destroyConstraint()
end

local function chainTest(n)
  planner = Planner.new()
  local prev, first, last
  for i = 0, n do
    local v = Variable.new("v" .. i, 0)
    if prev ~= nil then EqualityConstraint.new(prev, v, REQUIRED) end
    if i == 0 then first = v end
    if i == n then last = v end
    prev = v
  end
  StayConstraint.new(last, STRONG_DEFAULT)
  local edit = EditConstraint.new(first, PREFERRED)
  local edits = List.new()
  edits:add(edit)
  local plan = planner:extractPlanFromConstraints(edits)
  for i = 0, 99 do
    first.value = i
    plan:execute()
    checksum = (checksum + last.value) % 1000003
  end
end

local function projectionTest(n)
  planner = Planner.new()
  local scale, offset = Variable.new("scale", 10), Variable.new("offset", 1000)
  local src, dst
  local dests = List.new()
  for i = 0, n - 1 do
    src = Variable.new("src" .. i, i)
    dst = Variable.new("dst" .. i, i)
    dests:add(dst)
    StayConstraint.new(src, NORMAL)
    ScaleConstraint.new(src, scale, offset, dst, REQUIRED)
  end
  change(src, 17)
  checksum = (checksum + dst.value) % 1000003
  change(dst, 1050)
  checksum = (checksum + src.value) % 1000003
  change(scale, 5)
  for i = 1, n - 1 do checksum = (checksum + dests:at(i).value) % 1000003 end
  change(offset, 2000)
  for i = 1, n - 1 do checksum = (checksum + dests:at(i).value) % 1000003 end
end

for _ = 1, 60 do
  chainTest(100)
  projectionTest(100)
end
print("checksum", checksum)
