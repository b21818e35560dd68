# &priority orders handlers of the same event, highest first.
event ping(n: count) &priority=-10
	{
	print "low", n;
	}

event ping(n: count)
	{
	print "default", n;
	}

event ping(n: count) &priority=10
	{
	print "high", n;
	}

event bro_init() &priority=5
	{
	print "init high";
	}

event bro_init()
	{
	print "init default";
	event ping(1);
	}
