# Built-in function parse_ftp_epsv.

event bro_init()
	{
	print parse_ftp_epsv("229 Entering Extended Passive Mode (|||1234|)");
	print parse_ftp_epsv("229 nothing");
	}
