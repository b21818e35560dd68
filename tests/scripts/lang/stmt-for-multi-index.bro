# for ( [a, b] in t ) destructures multi-part table keys.
event bro_init()
	{
	local conns: table[addr, port] of count = {
		[10.0.0.1, 80/tcp] = 3,
		[10.0.0.1, 443/tcp] = 4,
		[10.0.0.2, 80/tcp] = 5,
	};
	local http = 0;
	local from_one = 0;
	for ( [h, p] in conns )
		{
		if ( p == 80/tcp )
			http += conns[h, p];
		if ( h == 10.0.0.1 )
			from_one += conns[h, p];
		}
	print http, from_one;
	local pair: set[string, count] = { ["x", 9] };
	for ( [name, num] in pair )
		print name, num;
	}
