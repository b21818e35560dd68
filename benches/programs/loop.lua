-- Integer loop: sum a little arithmetic over i = 0 .. 2,999,999.
local n = 3000000
local i = 0
local sum = 0
while i < n do
  sum = sum + i * 3 % 7 + i // 5
  i = i + 1
end
print(string.format("sum = %d", sum))
