# Sets and vectors: 200,000 set inserts + 200,000 membership tests;
# 200,000 vector appends + 200,000 indexed reads.
event bro_init()
	{
	local n = 200000;
	local s: set[count] = set();
	local v: vector of count = vector();
	local i = 0;
	while ( i < n )
		{
		add s[i * 3];
		i += 1;
		}
	local hits = 0;
	i = 0;
	while ( i < n )
		{
		if ( i in s )
			hits += 1;
		i += 1;
		}
	i = 0;
	while ( i < n )
		{
		v[|v|] = i % 1000;
		i += 1;
		}
	local sum = 0;
	i = 0;
	while ( i < n )
		{
		sum += v[(i * 13) % n];
		i += 1;
		}
	print fmt("set = %d hits = %d vec = %d sum = %d", |s|, hits, |v|, sum);
	}
