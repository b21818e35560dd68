# Built-in function to_count.

event bro_init()
	{
	print to_count(" 42");
	print to_count("-1");
	print to_count("12abc");
	}
