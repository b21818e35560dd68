# exit stops the process at once with the given status; bro_done does
# not run.

event bro_init()
	{
	print "before";
	exit(3);
	print "not reached";
	}

event bro_done()
	{
	print "not reached either";
	}
