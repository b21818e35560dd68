# @args: --syntax-check --diagnostics=pretty
function double_it(n: count): count
	{
	return n * 2
	}
