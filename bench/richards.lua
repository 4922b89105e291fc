-- object-oriented code: a Richards-style operating-system scheduler simulation
-- (task control blocks, packets, an idle task, a worker, two handlers and two devices;
-- classes with metatables, inheritance through __index, method calls on every step)
local ID_IDLE, ID_WORKER, ID_HANDLER_A, ID_HANDLER_B, ID_DEVICE_A, ID_DEVICE_B = 1, 2, 3, 4, 5, 6
local KIND_DEVICE, KIND_WORK = 0, 1
local DATA_SIZE = 4

local Packet = {}
Packet.__index = Packet
function Packet.new(link, id, kind)
  local p = setmetatable({link = link, id = id, kind = kind, a1 = 0, a2 = {}}, Packet)
  for i = 1, DATA_SIZE do p.a2[i] = 0 end
  return p
end
function Packet:addTo(queue)
  self.link = nil
  if queue == nil then return self end
  local next = queue
  while next.link ~= nil do next = next.link end
  next.link = self
  return queue
end

local TaskControlBlock = {}
TaskControlBlock.__index = TaskControlBlock
-- state bits
local PACKET_PENDING, TASK_WAITING, TASK_HOLDING = 1, 2, 4
function TaskControlBlock.new(link, id, priority, queue, task)
  local state = queue == nil and 0 or PACKET_PENDING
  return setmetatable({link = link, id = id, priority = priority, queue = queue, task = task, state = state}, TaskControlBlock)
end
function TaskControlBlock:markAsNotHeld() self.state = self.state & ~TASK_HOLDING end
function TaskControlBlock:markAsHeld() self.state = self.state | TASK_HOLDING end
function TaskControlBlock:isHeldOrSuspended()
  return (self.state & TASK_HOLDING) ~= 0 or self.state == TASK_WAITING
end
function TaskControlBlock:markAsSuspended() self.state = self.state | TASK_WAITING end
function TaskControlBlock:markAsRunnable() self.state = self.state | PACKET_PENDING end
function TaskControlBlock:run()
  local packet
  if self.state == (PACKET_PENDING | TASK_WAITING) then
    packet = self.queue
    self.queue = packet.link
    self.state = self.queue == nil and 0 or PACKET_PENDING
  end
  return self.task:run(packet)
end
function TaskControlBlock:checkPriorityAdd(task, packet)
  if self.queue == nil then
    self.queue = packet
    self:markAsRunnable()
    if self.priority > task.priority then return self end
  else
    self.queue = packet:addTo(self.queue)
  end
  return task
end

local Scheduler = {}
Scheduler.__index = Scheduler
function Scheduler.new()
  return setmetatable({queueCount = 0, holdCount = 0, blocks = {}, list = nil, currentTcb = nil, currentId = nil}, Scheduler)
end
function Scheduler:addTask(id, priority, queue, task)
  self.currentTcb = TaskControlBlock.new(self.list, id, priority, queue, task)
  self.list = self.currentTcb
  self.blocks[id] = self.currentTcb
end
function Scheduler:addRunningTask(id, priority, queue, task)
  self:addTask(id, priority, queue, task)
  self.currentTcb.state = 0
end
function Scheduler:schedule()
  self.currentTcb = self.list
  while self.currentTcb ~= nil do
    if self.currentTcb:isHeldOrSuspended() then
      self.currentTcb = self.currentTcb.link
    else
      self.currentId = self.currentTcb.id
      self.currentTcb = self.currentTcb:run()
    end
  end
end
function Scheduler:release(id)
  local tcb = self.blocks[id]
  if tcb == nil then return tcb end
  tcb:markAsNotHeld()
  if tcb.priority > self.currentTcb.priority then return tcb end
  return self.currentTcb
end
function Scheduler:holdCurrent()
  self.holdCount = self.holdCount + 1
  self.currentTcb:markAsHeld()
  return self.currentTcb.link
end
function Scheduler:suspendCurrent()
  self.currentTcb:markAsSuspended()
  return self.currentTcb
end
function Scheduler:queue(packet)
  local t = self.blocks[packet.id]
  if t == nil then return t end
  self.queueCount = self.queueCount + 1
  packet.link = nil
  packet.id = self.currentId
  return t:checkPriorityAdd(self.currentTcb, packet)
end

-- tasks: a base class and four subclasses
local Task = {}
Task.__index = Task
function Task.extend() local c = setmetatable({}, Task); c.__index = c; return c end

local IdleTask = Task.extend()
function IdleTask.new(s, v1, count) return setmetatable({scheduler = s, v1 = v1, count = count}, IdleTask) end
function IdleTask:run(packet)
  self.count = self.count - 1
  if self.count == 0 then return self.scheduler:holdCurrent() end
  if (self.v1 & 1) == 0 then
    self.v1 = self.v1 >> 1
    return self.scheduler:release(ID_DEVICE_A)
  end
  self.v1 = (self.v1 >> 1) ~ 0xD008
  return self.scheduler:release(ID_DEVICE_B)
end

local DeviceTask = Task.extend()
function DeviceTask.new(s) return setmetatable({scheduler = s, v1 = nil}, DeviceTask) end
function DeviceTask:run(packet)
  if packet == nil then
    if self.v1 == nil then return self.scheduler:suspendCurrent() end
    local v = self.v1
    self.v1 = nil
    return self.scheduler:queue(v)
  end
  self.v1 = packet
  return self.scheduler:holdCurrent()
end

local WorkerTask = Task.extend()
function WorkerTask.new(s, v1, v2) return setmetatable({scheduler = s, v1 = v1, v2 = v2}, WorkerTask) end
function WorkerTask:run(packet)
  if packet == nil then return self.scheduler:suspendCurrent() end
  if self.v1 == ID_HANDLER_A then self.v1 = ID_HANDLER_B else self.v1 = ID_HANDLER_A end
  packet.id = self.v1
  packet.a1 = 0
  for i = 1, DATA_SIZE do
    self.v2 = self.v2 + 1
    if self.v2 > 26 then self.v2 = 1 end
    packet.a2[i] = self.v2
  end
  return self.scheduler:queue(packet)
end

local HandlerTask = Task.extend()
function HandlerTask.new(s) return setmetatable({scheduler = s, v1 = nil, v2 = nil}, HandlerTask) end
function HandlerTask:run(packet)
  if packet ~= nil then
    if packet.kind == KIND_WORK then self.v1 = packet:addTo(self.v1)
    else self.v2 = packet:addTo(self.v2) end
  end
  if self.v1 ~= nil then
    local count = self.v1.a1
    if count < DATA_SIZE then
      if self.v2 ~= nil then
        local v = self.v2
        self.v2 = v.link
        v.a1 = self.v1.a2[count + 1]
        self.v1.a1 = count + 1
        return self.scheduler:queue(v)
      end
    else
      local v = self.v1
      self.v1 = v.link
      return self.scheduler:queue(v)
    end
  end
  return self.scheduler:suspendCurrent()
end

local function runRichards(count)
  local s = Scheduler.new()
  s:addRunningTask(ID_IDLE, 0, nil, IdleTask.new(s, 1, count))
  local q = Packet.new(nil, ID_WORKER, KIND_WORK)
  q = Packet.new(q, ID_WORKER, KIND_WORK)
  s:addTask(ID_WORKER, 1000, q, WorkerTask.new(s, ID_HANDLER_A, 0))
  q = Packet.new(nil, ID_DEVICE_A, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_A, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_A, KIND_DEVICE)
  s:addTask(ID_HANDLER_A, 2000, q, HandlerTask.new(s))
  q = Packet.new(nil, ID_DEVICE_B, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_B, KIND_DEVICE)
  q = Packet.new(q, ID_DEVICE_B, KIND_DEVICE)
  s:addTask(ID_HANDLER_B, 3000, q, HandlerTask.new(s))
  s:addTask(ID_DEVICE_A, 4000, nil, DeviceTask.new(s))
  s:addTask(ID_DEVICE_B, 5000, nil, DeviceTask.new(s))
  s:schedule()
  return s.queueCount, s.holdCount
end

local qsum, hsum = 0, 0
for _ = 1, 15 do
  local qc, hc = runRichards(10000)
  qsum, hsum = qsum + qc, hsum + hc
end
print("checksum", qsum, hsum)
