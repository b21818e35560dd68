# Reporter::fatal_error_with_core reports a fatal error and stops at
# once; Bro then aborts to dump core (exit status 134 from SIGABRT).

event bro_init()
	{
	print "before";
	Reporter::fatal_error_with_core("cannot go on");
	print "not reached";
	}
