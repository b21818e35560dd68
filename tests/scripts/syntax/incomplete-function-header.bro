# @args: --syntax-check --diagnostics=pretty
function add_one(n: count):
	{
	return n + 1;
	}
