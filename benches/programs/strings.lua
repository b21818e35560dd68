-- Strings: format with string.format, concatenate, and keep a bounded buffer.
local n = 200000
local i = 0
local total = 0
local resets = 0
local buf = ""
while i < n do
  local s = string.format("item%d", i) .. ":" .. string.format("%s-%d", "k", i % 10)
  total = total + #s
  buf = buf .. s .. ","
  if #buf > 1000 then
    buf = ""
    resets = resets + 1
  end
  i = i + 1
end
print(string.format("total = %d resets = %d buflen = %d", total, resets, #buf))
