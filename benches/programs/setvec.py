# Sets and lists: 200,000 set inserts + 200,000 membership tests;
# 200,000 list appends + 200,000 indexed reads.
n = 200000
s = set()
v = []
i = 0
while i < n:
    s.add(i * 3)
    i += 1
hits = 0
i = 0
while i < n:
    if i in s:
        hits += 1
    i += 1
i = 0
while i < n:
    v.append(i % 1000)
    i += 1
total = 0
i = 0
while i < n:
    total += v[(i * 13) % n]
    i += 1
print("set = %d hits = %d vec = %d sum = %d" % (len(s), hits, len(v), total))
