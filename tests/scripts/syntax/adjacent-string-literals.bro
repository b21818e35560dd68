# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	print "a" "b";
	}
