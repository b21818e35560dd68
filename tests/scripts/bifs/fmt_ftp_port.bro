# Built-in function fmt_ftp_port.

event bro_init()
	{
	print fmt_ftp_port(192.168.0.2, 257/tcp);
	print fmt_ftp_port([fe80::1], 257/tcp);
	}
