# Pending timers fire (and their events run) when the process winds down,
# before bro_done, as Bro 2.6 does when nothing keeps it running.
event tick(n: count)
	{
	print "tick", n;
	}

event bro_init()
	{
	schedule 10 secs { tick(2) };
	schedule 1 sec { tick(1) };
	print "init";
	}

event bro_done()
	{
	print "done";
	}
