# Doubles: printing precision, exponent form and tiny values.
event bro_init()
	{
	print 1.0, 0.1, -2.5;
	print 1.0 / 3.0, 2.0 / 3.0;
	print 0.1 + 0.2;
	print 123456789.123456789;
	print 1e6, 1e10;
	print 1e-5, 1e-7;
	print 3.14159265358979;
	print 1.5e3, .5, 1.;
	print type_name(1.5);
	print floor(-2.5), sqrt(2.0);
	}
