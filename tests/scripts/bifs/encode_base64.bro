# Built-in function encode_base64.

event bro_init()
	{
	print encode_base64("bro");
	print encode_base64("bro!");
	print encode_base64("br");
	print encode_base64("bro", "tooshort");
	}
