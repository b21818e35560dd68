# @args: --syntax-check --diagnostics=pretty
@load

event bro_init()
	{
	print "loaded";
	}
