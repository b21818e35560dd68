# Built-in function terminate_communication belongs to the old
# communication system: naming it is a fatal error at startup.

event bro_init()
	{
	print "not reached";
	}

function stop()
	{
	terminate_communication();
	}
