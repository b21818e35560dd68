# @args: --syntax-check --diagnostics=pretty
function sum(a: count, b: count): count
	{
	return a + b;
	}

event bro_init()
	{
	print sum(1, );
	}
