# Built-in function counts_to_addr.

event bro_init()
	{
	print counts_to_addr(vector(16909060));
	print counts_to_addr(vector(0, 0, 0, 1));
	print counts_to_addr(vector(1, 2));
	}
