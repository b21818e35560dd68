# Arithmetic between count, int and double promotes to the wider type.
event bro_init()
	{
	local c: count = 7;
	local i: int = -2;
	local d: double = 0.5;
	print c + i, type_name(c + i);
	print c * d, type_name(c * d);
	print i * d, type_name(i * d);
	print c - 2, type_name(c - 2);
	print 10 / 4.0, 10.0 / 4;
	print 1 + 0.5;
	print -c, type_name(-c);
	}
