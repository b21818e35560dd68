# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local total = 0
	total += 1;
	}
