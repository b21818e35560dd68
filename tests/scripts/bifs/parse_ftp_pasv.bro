# Built-in function parse_ftp_pasv.

event bro_init()
	{
	print parse_ftp_pasv("227 Entering Passive Mode (192,168,0,2,1,1)");
	print parse_ftp_pasv("227 nothing");
	}
