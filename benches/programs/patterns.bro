# Patterns: build 1,000 strings, then test a regex against them 200,000
# times (cycling through the strings) with `/.../ in s`.
event bro_init()
	{
	local strs: vector of string = vector();
	local i = 0;
	while ( i < 1000 )
		{
		strs[i] = fmt("user%d@host%d.example.com", (i * 7919) % 100000, i % 7);
		i += 1;
		}
	local n = 200000;
	local matches = 0;
	i = 0;
	while ( i < n )
		{
		if ( /[0-9]5@host[0-3]\./ in strs[i % 1000] )
			matches += 1;
		i += 1;
		}
	print fmt("tested = %d matches = %d", n, matches);
	}
