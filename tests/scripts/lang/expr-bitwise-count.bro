# Bitwise and, or, xor and complement on counts.
event bro_init()
	{
	local a: count = 12;
	local b: count = 10;
	print a & b, a | b, a ^ b;
	print ~0;
	print ~a;
	print 0xff & 0x0f;
	print (a | b) & ~b;
	}
