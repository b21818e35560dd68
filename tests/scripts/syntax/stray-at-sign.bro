# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local total = 1;@
	print total;
	}
