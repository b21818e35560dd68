# Events: a chain of 1,000,000 "events" through a FIFO queue of pending
# calls; each step(n) queues step(n+1) until n reaches the limit.
from collections import deque

LIMIT = 1000000
queue = deque()
total = 0

def step(n):
    global total
    total += n % 7
    if n < LIMIT:
        queue.append((step, (n + 1,)))
    else:
        print("steps = %d total = %d" % (n, total))

queue.append((step, (1,)))
while queue:
    f, args = queue.popleft()
    f(*args)
