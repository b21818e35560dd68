# Reading an unassigned local logs an error but the handler continues.
event bro_init()
	{
	local x: count;
	print x;
	print "after";
	}

event bro_init()
	{
	print "second handler";
	}
