# Built-in function double_to_count.

event bro_init()
	{
	print double_to_count(3.5), double_to_count(2.5), double_to_count(3.9);
	print double_to_count(-2.0);
	}
