# Events raised inside a handler go to the back of the queue.
event b(tag: string)
	{
	print "b", tag;
	}

event a(tag: string)
	{
	print "a", tag;
	event b(tag);
	}

event bro_init()
	{
	event a("first");
	event a("second");
	}
