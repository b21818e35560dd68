# Tables: insert 200,000 count keys, look each one up, then delete each.
event bro_init()
	{
	local n = 200000;
	local t: table[count] of count = table();
	local i = 0;
	while ( i < n )
		{
		t[i * 7] = i * 2;
		i += 1;
		}
	local size_full = |t|;
	local sum = 0;
	local hits = 0;
	i = 0;
	while ( i < n )
		{
		if ( i * 7 in t )
			{
			sum += t[i * 7];
			hits += 1;
			}
		i += 1;
		}
	i = 0;
	while ( i < n )
		{
		delete t[i * 7];
		i += 1;
		}
	print fmt("size = %d hits = %d sum = %d after = %d", size_full, hits, sum, |t|);
	}
