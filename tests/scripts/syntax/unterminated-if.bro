# @args: --syntax-check --diagnostics=pretty
@if ( T )
global debug = T;

event bro_init()
	{
	print debug;
	}
