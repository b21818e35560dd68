# &error_handler marks an event that handles reporter errors; the
# attribute is accepted and the event is an ordinary event.
global my_error: event(msg: string) &error_handler;

event my_error(msg: string)
	{
	print "handled", msg;
	}

event bro_init()
	{
	event my_error("x");
	}
