# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local n = 3;
	print (n + 1));
	}
