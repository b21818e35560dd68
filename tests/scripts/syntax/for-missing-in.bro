# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local names = set("a", "b");
	for ( n names )
		print n;
	}
