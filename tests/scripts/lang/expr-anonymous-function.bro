# Anonymous functions as values, passed to other functions and stored in tables.
function apply_all(v: vector of count, f: function(n: count): count): vector of count
	{
	local out: vector of count;
	for ( i in v )
		out[i] = f(v[i]);
	return out;
	}

event bro_init()
	{
	local sq = function(n: count): count { return n * n; };
	print sq(7);
	print apply_all(vector(1, 2, 3), sq);
	print apply_all(vector(1, 2, 3), function(n: count): count { return n + 100; });
	local ops: table[string] of function(a: count, b: count): count;
	ops["add"] = function(a: count, b: count): count { return a + b; };
	ops["mul"] = function(a: count, b: count): count { return a * b; };
	print ops["add"](3, 4), ops["mul"](3, 4);
	}
