# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local n = 3;
	if ( n > 1 )
		print "big";
	else
		print "small";
	else
		print "other";
	}
