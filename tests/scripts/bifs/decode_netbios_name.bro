# Built-in function decode_netbios_name.

event bro_init()
	{
	print decode_netbios_name("fhepfcelehfcepfffacacacacacacabl");
	print decode_netbios_name("zz");
	}
