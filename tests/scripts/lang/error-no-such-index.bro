# Looking up a missing table key or vector index logs "no such index" and continues.
event bro_init()
	{
	local t: table[string] of count = { ["a"] = 1 };
	print t["b"];
	print "after table";
	local v = vector(1, 2);
	print v[5];
	print "after vector";
	}
