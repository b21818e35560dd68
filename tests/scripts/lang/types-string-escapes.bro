# String literals with escapes: print shows non-printable bytes as \xNN.
event bro_init()
	{
	local s = "a\tb";
	print s;
	print |s|;
	print "line\nbreak";
	print "quote \" and backslash \\";
	print "\x41\x42C";
	print "\101";
	print "nul\x00byte", |"nul\x00byte"|;
	print "\xff";
	print "caf\xc3\xa9";
	print vector("x\ty", "");
	}
