# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local code = 1;
	switch ( code )
		{
		case 1
			print "one";
			break;
		}
	}
