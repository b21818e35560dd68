# Built-in function sort.

function rev(a: count, b: count): int { return a > b ? -1 : 1; }

event bro_init()
	{
	local v = vector(5, 2, 8, 3);
	sort(v);
	print v;
	sort(v, rev);
	print v;
	sort(vector("b", "a"));
	}
