# Counts: literals, hex, the maximum value and wraparound.
event bro_init()
	{
	local a: count = 42;
	local h = 0xff;
	local max = 18446744073709551615;
	print a, h;
	print max;
	print max + 1;
	print 0 - 1;
	print 3 - 5;
	print 10 / 3, 10 % 3;
	print type_name(a), type_name(h);
	}
