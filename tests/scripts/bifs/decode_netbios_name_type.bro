# Built-in function decode_netbios_name_type.

event bro_init()
	{
	print decode_netbios_name_type("fhepfcelehfcepfffacacacacacacabl");
	}
