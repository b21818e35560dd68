# schedule runs an event after a delay; pending timers fire in time order.
event tick(n: count)
	{
	print "tick", n;
	}

event bro_init()
	{
	schedule 2secs { tick(2) };
	schedule 1sec { tick(1) };
	print "scheduled";
	}
