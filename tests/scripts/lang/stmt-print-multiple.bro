# print with several values of mixed types separates them with ", ".
type R: record {
	a: count;
	b: string &optional;
};

event bro_init()
	{
	print 1, "two", 3.0, T;
	print 10.0.0.1, 80/tcp, 10.0.0.0/8, 2min;
	print vector(1, 2), R($a=1);
	print "";
	print "a", "";
	print -1, 0.5, "x\ty";
	}
