# Built-in function to_subnet.

event bro_init()
	{
	print to_subnet("10.1.2.3/8");
	print to_subnet("[2001:db8::]/32");
	print to_subnet("10.0.0.0/33");
	}
