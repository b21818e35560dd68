# Integer division by zero aborts the current handler; other handlers still run.
event bro_init()
	{
	local a = 0;
	print "before";
	print 10 / a;
	print "not reached";
	}

event bro_init()
	{
	print "second handler";
	}
