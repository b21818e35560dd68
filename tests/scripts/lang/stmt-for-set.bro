# for over a set: the order is unspecified, so only aggregate the elements.
event bro_init()
	{
	local s = set(3, 5, 7, 11);
	local sum = 0;
	local n = 0;
	for ( e in s )
		{
		sum += e;
		++n;
		}
	print n, sum;
	local one = set("only");
	for ( x in one )
		print x;
	}
