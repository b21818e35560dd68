# while loops with next and break.
event bro_init()
	{
	local i = 0;
	local evens: vector of count;
	while ( i < 10 )
		{
		++i;
		if ( i % 2 == 1 )
			next;
		if ( i > 8 )
			break;
		evens[|evens|] = i;
		}
	print evens, i;
	local n = 3;
	while ( n > 0 )
		--n;
	print n;
	}
