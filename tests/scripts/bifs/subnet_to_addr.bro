# Built-in function subnet_to_addr.

event bro_init()
	{
	print subnet_to_addr(10.1.0.0/16);
	print subnet_to_addr([2001:db8::]/32);
	}
