# Built-in function subnet_width.

event bro_init()
	{
	print subnet_width(10.1.0.0/16);
	print subnet_width([2001:db8::]/32);
	}
