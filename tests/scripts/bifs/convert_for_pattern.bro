# Built-in function convert_for_pattern.

event bro_init()
	{
	print convert_for_pattern("a.b*c");
	print convert_for_pattern("");
	}
