-- Tables: insert 200,000 integer keys into a table, look each one up, then delete each.
local n = 200000
local t = {}
local size_full = 0
local i = 0
while i < n do
  t[i * 7] = i * 2
  size_full = size_full + 1  -- Lua's # is not a key count for a sparse table
  i = i + 1
end
local sum = 0
local hits = 0
i = 0
while i < n do
  local v = t[i * 7]
  if v ~= nil then
    sum = sum + v
    hits = hits + 1
  end
  i = i + 1
end
i = 0
while i < n do
  t[i * 7] = nil
  i = i + 1
end
local after = 0
for _ in pairs(t) do after = after + 1 end
print(string.format("size = %d hits = %d sum = %d after = %d", size_full, hits, sum, after))
