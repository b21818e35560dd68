-- Sets (table of key -> true) and arrays: 200,000 set inserts + 200,000
-- membership tests; 200,000 array appends + 200,000 indexed reads.
local n = 200000
local s = {}
local ssize = 0
local v = {}
local i = 0
while i < n do
  local k = i * 3
  if not s[k] then
    s[k] = true
    ssize = ssize + 1
  end
  i = i + 1
end
local hits = 0
i = 0
while i < n do
  if s[i] then hits = hits + 1 end
  i = i + 1
end
i = 0
while i < n do
  v[#v + 1] = i % 1000
  i = i + 1
end
local sum = 0
i = 0
while i < n do
  sum = sum + v[(i * 13) % n + 1]  -- Lua arrays are 1-based
  i = i + 1
end
print(string.format("set = %d hits = %d vec = %d sum = %d", ssize, hits, #v, sum))
