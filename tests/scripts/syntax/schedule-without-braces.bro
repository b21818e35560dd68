# @args: --syntax-check --diagnostics=pretty
event tick()
	{
	print "tick";
	}

event bro_init()
	{
	schedule 5 secs tick();
	}
