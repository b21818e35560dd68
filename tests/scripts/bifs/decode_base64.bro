# Built-in function decode_base64.

event bro_init()
	{
	print decode_base64("YnJv");
	print decode_base64("YnJvIQ==");
	print decode_base64("YnJv", "tooshort");
	}
