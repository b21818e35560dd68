# Relational operators across numeric, string, address, time and interval types.
event bro_init()
	{
	print 1 < 2, 2 <= 2, 3 > 4, 4 >= 5;
	print 1 == 1.0, -1 < 1;
	print "abc" < "abd", "b" > "abc";
	print 10.0.0.1 < 10.0.0.2, [::1] == [::1];
	print 1min == 60secs, 1hr > 59mins;
	print 80/tcp != 80/udp;
	print T == T, T != F;
	}
