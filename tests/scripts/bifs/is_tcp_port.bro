# Built-in function is_tcp_port.

event bro_init()
	{
	print is_tcp_port(80/tcp), is_tcp_port(53/udp);
	}
