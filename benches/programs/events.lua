-- Events: a chain of 1,000,000 "events" through a FIFO queue of pending
-- calls; each step(n) queues step(n+1) until n reaches the limit.
local LIMIT = 1000000
local qf, qa = {}, {}
local head, tail = 1, 0
local total = 0

local function post(f, arg)
  tail = tail + 1
  qf[tail] = f
  qa[tail] = arg
end

local function step(n)
  total = total + n % 7
  if n < LIMIT then
    post(step, n + 1)
  else
    print(string.format("steps = %d total = %d", n, total))
  end
end

post(step, 1)
while head <= tail do
  local f, a = qf[head], qa[head]
  qf[head], qa[head] = nil, nil
  head = head + 1
  f(a)
end
