# Built-in function decode_base64_custom.

event bro_init()
	{
	print decode_base64_custom("YnJv", "");
	}
