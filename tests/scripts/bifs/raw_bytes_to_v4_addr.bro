# Built-in function raw_bytes_to_v4_addr.

event bro_init()
	{
	print raw_bytes_to_v4_addr("ABCD");
	print raw_bytes_to_v4_addr("ABC");
	}
