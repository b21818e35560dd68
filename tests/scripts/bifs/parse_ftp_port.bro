# Built-in function parse_ftp_port.

event bro_init()
	{
	print parse_ftp_port("192,168,0,2,1,1");
	print parse_ftp_port("192,168,0,2,1");
	}
