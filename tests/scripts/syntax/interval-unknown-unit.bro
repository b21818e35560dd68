# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local wait_time = 5 minutes;
	print wait_time;
	}
