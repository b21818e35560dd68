# Handlers of one event run in &priority order; equal priority keeps declaration order.
event note(s: string) &priority=1
	{
	print "p1 first-declared", s;
	}

event note(s: string) &priority=1
	{
	print "p1 second-declared", s;
	}

event note(s: string) &priority=100
	{
	print "p100", s;
	}

event note(s: string) &priority=-100
	{
	print "p-100", s;
	}

event bro_init()
	{
	event note("x");
	}
