# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local code = 1;
	case 1:
		print "one";
	}
