# Strings: format with %-formatting, concatenate, and keep a bounded buffer.
n = 200000
i = 0
total = 0
resets = 0
buf = ""
while i < n:
    s = ("item%d" % i) + ":" + ("%s-%d" % ("k", i % 10))
    total += len(s)
    buf = buf + s + ","
    if len(buf) > 1000:
        buf = ""
        resets += 1
    i += 1
print("total = %d resets = %d buflen = %d" % (total, resets, len(buf)))
