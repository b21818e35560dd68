# Built-in function is_v6_subnet.

event bro_init()
	{
	print is_v6_subnet(10.0.0.0/8), is_v6_subnet([::]/0);
	}
