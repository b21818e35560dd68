# Intervals: units, normalisation into days/hrs/mins and arithmetic.
event bro_init()
	{
	print 1sec, 0secs, -1sec;
	print 90secs;
	print 1.5min;
	print 1day + 3hrs;
	print 100msec, 1usec;
	print -90min;
	print 1sec * 3;
	print 1hr / 7;
	print 1day / 1hr;
	print 3 msecs;
	print interval_to_double(1min);
	print 2min > 90secs;
	}
