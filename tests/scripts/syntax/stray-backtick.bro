# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local x = 1;`
	print x;
	}
