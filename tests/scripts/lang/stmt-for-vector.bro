# for over a vector iterates indices in order; holes are skipped.
event bro_init()
	{
	local v = vector("a", "b", "c");
	for ( i in v )
		print i, v[i];
	local sparse: vector of count;
	sparse[0] = 1;
	sparse[3] = 4;
	for ( j in sparse )
		print "sparse", j, sparse[j];
	}
