# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local for = 1;
	}
