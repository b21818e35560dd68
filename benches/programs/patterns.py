# Patterns: build 1,000 strings, then test a regex against them 200,000
# times (cycling through the strings) with re.search.
import re

strs = []
i = 0
while i < 1000:
    strs.append("user%d@host%d.example.com" % ((i * 7919) % 100000, i % 7))
    i += 1
pat = re.compile(r"[0-9]5@host[0-3]\.")
n = 200000
matches = 0
i = 0
while i < n:
    if pat.search(strs[i % 1000]):
        matches += 1
    i += 1
print("tested = %d matches = %d" % (n, matches))
