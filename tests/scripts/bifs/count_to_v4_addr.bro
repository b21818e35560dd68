# Built-in function count_to_v4_addr.

event bro_init()
	{
	print count_to_v4_addr(16909060);
	print count_to_v4_addr(4294967296);
	}
