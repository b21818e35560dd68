# @args: --syntax-check --diagnostics=pretty
event bro_init()
	{
	local pairs: table[count, count] of string;
	for ( [a, b in pairs )
		print a, b;
	}
