# next skips to the next iteration and break leaves the innermost loop.
event bro_init()
	{
	local v = vector(1, 2, 3, 4, 5, 6);
	for ( i in v )
		{
		if ( v[i] == 2 )
			next;
		if ( v[i] == 5 )
			break;
		print v[i];
		}
	for ( a in vector(0, 1) )
		for ( b in vector(0, 1, 2) )
			{
			if ( b == 1 )
				break;
			print a, b;
			}
	}
