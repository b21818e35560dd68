# Prefix ++ and -- on counts and ints, and on table and vector elements;
# on a whole vector in a local, and as a value, in and out of loops.
event bro_init()
	{
	local c: count = 5;
	++c;
	print c;
	--c;
	--c;
	print c;
	local i: int = 0;
	--i;
	print i;
	local t: table[string] of count = { ["hits"] = 1 };
	++t["hits"];
	print t["hits"];
	local v = vector(1, 2);
	++v[1];
	print v;
	print ++c;
	print --i, i;
	++v;
	print v;
	local n = 0;
	local steps = 0;
	while ( ++n < 4 )
		++steps;
	print n, steps;
	}
