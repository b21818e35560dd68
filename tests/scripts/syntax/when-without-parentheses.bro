# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local ready = T;
	when ready
		print "ready";
	}
