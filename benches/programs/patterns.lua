-- Patterns: build 1,000 strings, then test a pattern against them 200,000
-- times (cycling through the strings) with string.find. Lua patterns are
-- not regexes, but this one ([0-9]5@host[0-3]\.) is expressible in both.
local strs = {}
local i = 0
while i < 1000 do
  strs[i] = string.format("user%d@host%d.example.com", (i * 7919) % 100000, i % 7)
  i = i + 1
end
local pat = "%d5@host[0-3]%."
local n = 200000
local matches = 0
i = 0
while i < n do
  if string.find(strs[i % 1000], pat) then
    matches = matches + 1
  end
  i = i + 1
end
print(string.format("tested = %d matches = %d", n, matches))
