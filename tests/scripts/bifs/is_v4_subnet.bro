# Built-in function is_v4_subnet.

event bro_init()
	{
	print is_v4_subnet(10.0.0.0/8), is_v4_subnet([::]/0);
	}
