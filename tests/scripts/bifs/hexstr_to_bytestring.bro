# Built-in function hexstr_to_bytestring.

event bro_init()
	{
	print hexstr_to_bytestring("3034");
	print hexstr_to_bytestring("abc");
	}
