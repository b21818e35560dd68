-- Records: create 200,000 small tables (kept in an array), then read and
-- update their fields in a second pass.
local n = 200000
local items = {}
local i = 0
while i < n do
  local r = { id = i, name = "item", hits = 0 }
  r.hits = i % 10
  items[i + 1] = r
  i = i + 1
end
local sum = 0
i = 0
while i < n do
  local it = items[i + 1]
  it.hits = it.hits + it.id % 3
  sum = sum + it.hits + #it.name
  i = i + 1
end
print(string.format("records = %d sum = %d last = %d", #items, sum, items[n].hits))
