# floor, ceil, sqrt, exp, ln and log10; sqrt of a negative number is an
# error and gives -1.

event bro_init()
	{
	print floor(3.7), floor(-3.2), ceil(3.2), ceil(-3.7);
	print sqrt(16.0), sqrt(2.0), exp(0.0), exp(1.0);
	print ln(1.0), ln(10.0), log10(1000.0), log10(0.5);
	print sqrt(-4.0);
	}
