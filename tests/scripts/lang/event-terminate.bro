# terminate() does not stop the current handler; bro_done still runs.
event later()
	{
	print "later";
	}

event bro_init()
	{
	event later();
	terminate();
	print "after terminate";
	}

event bro_done()
	{
	print "bro_done";
	}
