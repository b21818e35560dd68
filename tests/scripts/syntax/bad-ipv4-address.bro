# @args: --syntax-check --diagnostics=pretty
global gateway = 1.2.3.300;

event bro_init()
	{
	print gateway;
	}
