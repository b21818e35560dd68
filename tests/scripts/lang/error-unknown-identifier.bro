# An unknown identifier rejects the whole script before anything runs.
event bro_init()
	{
	print "never printed";
	print no_such_thing;
	}
