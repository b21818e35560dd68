# Built-in function hexdump.

event bro_init()
	{
	print hexdump("abc\xffdefghijklmnopqrstuvwxyz");
	print hexdump("");
	}
