# Built-in function str_split.

event bro_init()
	{
	print str_split("this is a test", vector(3, 6, 13));
	print str_split("abc", vector(10));
	print str_split("abc", vector());
	}
