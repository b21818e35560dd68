# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local digits = /[0-9]+
	print digits;
	}
