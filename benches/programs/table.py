# Tables: insert 200,000 int keys into a dict, look each one up, then delete each.
n = 200000
t = {}
i = 0
while i < n:
    t[i * 7] = i * 2
    i += 1
size_full = len(t)
total = 0
hits = 0
i = 0
while i < n:
    if i * 7 in t:
        total += t[i * 7]
        hits += 1
    i += 1
i = 0
while i < n:
    del t[i * 7]
    i += 1
print("size = %d hits = %d sum = %d after = %d" % (size_full, hits, total, len(t)))
