# Reporter::info, Reporter::warning and Reporter::error report at the
# call's place and return T; the script goes on.

event bro_init()
	{
	print Reporter::info("an informational message");
	print Reporter::warning("a warning");
	print Reporter::error("an error");
	print "after";
	}
