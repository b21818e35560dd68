# Built-in function order.

function rev(a: count, b: count): int { return a > b ? -1 : 1; }

event bro_init()
	{
	local v = vector(5, 2, 8, 3);
	print order(v);
	print order(v, rev);
	print v;
	print order(vector("b", "a"));
	}
