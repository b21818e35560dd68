# Recursive Fibonacci: fib(25) with a plain recursive function.
function fib(n: count): count
	{
	if ( n < 2 )
		return n;
	return fib(n - 1) + fib(n - 2);
	}

event bro_init()
	{
	print fmt("fib(25) = %d", fib(25));
	}
