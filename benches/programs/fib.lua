-- Recursive Fibonacci: fib(25) with a plain recursive function.
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

print(string.format("fib(25) = %d", fib(25)))
