# Built-in function addr_to_counts.

event bro_init()
	{
	print addr_to_counts(1.2.3.4);
	print addr_to_counts([::1]);
	}
