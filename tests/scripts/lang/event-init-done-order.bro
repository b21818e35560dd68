# Top-level statements (after all declarations) run first, then bro_init handlers, queued events, and bro_done last.
event bro_done()
	{
	print "bro_done";
	}

event work()
	{
	print "work";
	}

event bro_init()
	{
	print "bro_init";
	event work();
	}

print "top level";
