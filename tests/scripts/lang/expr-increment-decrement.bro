# Prefix ++ and -- on counts and ints, and on table and vector elements.
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
	}
