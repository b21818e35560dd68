# Built-in function is_icmp_port.

event bro_init()
	{
	print is_icmp_port(8/icmp), is_icmp_port(53/udp);
	}
