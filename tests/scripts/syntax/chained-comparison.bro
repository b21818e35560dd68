# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local a = 1;
	local b = 2;
	local c = 3;
	if ( a < b < c )
		print "sorted";
	}
