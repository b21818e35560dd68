# Adding a count and a string is rejected at parse time.
event bro_init()
	{
	print 1 + "a";
	}
