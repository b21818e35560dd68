# Integer loop: sum a little arithmetic over i = 0 .. 2,999,999.
event bro_init()
	{
	local n = 3000000;
	local i = 0;
	local sum = 0;
	while ( i < n )
		{
		sum += i * 3 % 7 + i / 5;
		i += 1;
		}
	print fmt("sum = %d", sum);
	}
