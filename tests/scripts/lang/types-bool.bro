# Booleans: literals, negation, comparisons and printing.
event bro_init()
	{
	local t = T;
	local f: bool = F;
	print t, f;
	print !t, !f;
	print t && f, t || f;
	print t == f, t != f;
	print 1 < 2, "a" == "a";
	print fmt("%s %d", t, t);
	}
