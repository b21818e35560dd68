# Reporter::fatal reports a fatal error and ends the process with status 1.

event bro_init()
	{
	print "before";
	Reporter::fatal("giving up");
	print "not reached";
	}
