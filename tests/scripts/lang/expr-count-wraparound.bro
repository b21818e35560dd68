# Count arithmetic is unsigned 64-bit and wraps around silently.
event bro_init()
	{
	local zero: count = 0;
	local max: count = 18446744073709551615;
	print zero - 1;
	print max + 1;
	print max + 2;
	print 2 * 9223372036854775808;
	print 9223372036854775807 + 1;
	print type_name(9223372036854775807 + 1);
	local c: count = 5;
	c -= 6;
	print c;
	}
