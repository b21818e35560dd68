# Integer loop: sum a little arithmetic over i = 0 .. 2,999,999.
n = 3000000
i = 0
total = 0
while i < n:
    total += i * 3 % 7 + i // 5
    i += 1
print("sum = %d" % total)
