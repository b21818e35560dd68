# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local T = 1;
	}
