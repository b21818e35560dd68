# &raw_output on a file: print writes strings without escaping
# non-printable bytes.
global raw = open("/dev/stdout") &raw_output;
global escaped = open("/dev/stdout");

event bro_init()
	{
	print escaped, "a\x01b";
	close(escaped);
	print raw, "c\x01d";
	close(raw);
	}
