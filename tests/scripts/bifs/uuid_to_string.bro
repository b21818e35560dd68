# Built-in function uuid_to_string.

event bro_init()
	{
	print uuid_to_string("\xfe\x80abcdefg0123456");
	print uuid_to_string("short");
	}
