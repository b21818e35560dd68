# @args: --syntax-check --diagnostics=pretty
global internal_net = 10.0.0.0/40;

event bro_init()
	{
	print internal_net;
	}
