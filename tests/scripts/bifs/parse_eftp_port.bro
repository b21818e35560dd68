# Built-in function parse_eftp_port.

event bro_init()
	{
	print parse_eftp_port("|1|192.168.0.2|257|");
	print parse_eftp_port("garbage");
	}
