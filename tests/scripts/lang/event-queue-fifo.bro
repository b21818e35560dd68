# Events raised with the event statement are dispatched first-in, first-out.
event step(n: count)
	{
	print "step", n;
	}

event bro_init()
	{
	event step(1);
	event step(2);
	event step(3);
	print "queued three";
	}
