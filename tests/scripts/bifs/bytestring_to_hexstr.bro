# Built-in function bytestring_to_hexstr.

event bro_init()
	{
	print bytestring_to_hexstr("04\x00\xff");
	print bytestring_to_hexstr("");
	}
