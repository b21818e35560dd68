# Built-in function bytestring_to_count.

event bro_init()
	{
	print bytestring_to_count("\x01\x02");
	print bytestring_to_count("\x01\x02", T);
	print bytestring_to_count("\x01\x02\x03");
	}
