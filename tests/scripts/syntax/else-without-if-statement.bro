# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	print "a";
	else
		print "b";
	}
