# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local greeting = "hello;
	print greeting;
	}
