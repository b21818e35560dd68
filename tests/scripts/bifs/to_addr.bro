# Built-in function to_addr.

event bro_init()
	{
	print to_addr("001.002.003.004");
	print to_addr("2001:db8::1");
	print to_addr("1.2.3");
	}
