# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local v = vector(1, 2, 3);
	print v[0;
	}
