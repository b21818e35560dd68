# Casting an any to the wrong type aborts the handler with "invalid cast".
event bro_init()
	{
	local a: any = "str";
	print a is count;
	local c = a as count;
	print c;
	}

event bro_init()
	{
	print "second handler";
	}
