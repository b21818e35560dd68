# Built-in function is_udp_port.

event bro_init()
	{
	print is_udp_port(80/tcp), is_udp_port(53/udp);
	}
