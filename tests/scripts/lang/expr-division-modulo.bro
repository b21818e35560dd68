# Integer division truncates toward zero; modulo keeps the dividend's sign.
event bro_init()
	{
	print 7 / 2, 7 % 2;
	print -7 / 2, -7 % 2;
	print 7 / -2, 7 % -2;
	print 7.0 / 2;
	print 3.0 / 7.0;
	print 1hr / 4;
	print 10 % 10, 0 / 5;
	}
