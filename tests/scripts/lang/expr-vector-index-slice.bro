# Indexing, assigning and slicing vectors.
event bro_init()
	{
	local v = vector(10, 20, 30, 40, 50);
	print v[0], v[4];
	v[2] = 33;
	print v;
	print v[1:3];
	print v[3:];
	print v[:2];
	local names = vector("a", "b", "c");
	print names[|names| - 1];
	}
