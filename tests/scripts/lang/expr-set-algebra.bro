# Set union, intersection and difference; results checked by size and membership.
event bro_init()
	{
	local a = set(1, 2, 3);
	local b = set(3, 4);
	local u = a | b;
	local i = a & b;
	local d = a - b;
	print |u|, |i|, |d|;
	print i;
	print 4 in u, 1 in u, 3 in d, 1 in d;
	print a < u, u < a, a <= a;
	print a == set(3, 2, 1), a != b;
	print |a|, |b|;
	}
