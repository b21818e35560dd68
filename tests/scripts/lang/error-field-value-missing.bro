# Reading an unset &optional field aborts the handler with "field value missing".
type R: record {
	a: count &optional;
};

event check(r: R)
	{
	print "checking";
	print r$a;
	print "not reached";
	}

event bro_init()
	{
	event check(R());
	event check(R($a=5));
	}
