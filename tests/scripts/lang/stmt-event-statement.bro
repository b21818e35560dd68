# The event statement queues an event; it runs after the current handler finishes.
event greet(name: string, times: count)
	{
	print fmt("hello %s x%d", name, times);
	}

event bro_init()
	{
	print "before";
	event greet("world", 2);
	print "after";
	}
