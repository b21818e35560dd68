# Built-in function encode_base64_custom.

event bro_init()
	{
	print encode_base64_custom("bro", "");
	}
