# += and -= on numbers, strings, intervals, vectors and sets.
event bro_init()
	{
	local n = 10;
	n += 5;
	n -= 3;
	print n;
	local d = 1.5;
	d += 1;
	print d;
	local s = "foo";
	s += "bar";
	print s;
	local iv = 1min;
	iv += 30secs;
	print iv;
	local v = vector("a");
	v += "b";
	v += "c";
	print v;
	}
