# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	print "first line
second line";
	}
