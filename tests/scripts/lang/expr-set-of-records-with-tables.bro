# Records holding tables, sets and vectors can index sets; equal tables
# key alike however they were filled, so the second add finds the first.
type Tagged: record {
	n: count;
	tags: set[string];
	weights: table[string] of count;
	path: vector of count;
};

event bro_init()
	{
	local s: set[Tagged];
	local t1: table[string] of count = { ["x"] = 1, ["y"] = 2, ["z"] = 3 };
	local t2: table[string] of count;
	t2["z"] = 3;
	t2["y"] = 2;
	t2["x"] = 1;
	add s[[$n=1, $tags=set("a", "b", "c"), $weights=t1, $path=vector(1, 2)]];
	add s[[$n=1, $tags=set("c", "b", "a"), $weights=t2, $path=vector(1, 2)]];
	print |s|;
	add s[[$n=2, $tags=set("d"), $weights=table(), $path=vector()]];
	print |s|;
	print [$n=1, $tags=set("b", "a", "c"), $weights=t1, $path=vector(1, 2)] in s;
	}
