# The in and !in operators on sets, tables, patterns, subnets and strings.
event bro_init()
	{
	local s = set(1, 2, 3);
	local t: table[string] of count = { ["a"] = 1 };
	print 2 in s, 5 in s, 5 !in s;
	print "a" in t, "b" in t, "b" !in t;
	print /ell/ in "hello", /xyz/ !in "hello";
	print 192.168.0.7 in 192.168.0.0/24, 10.0.0.1 !in 192.168.0.0/24;
	print "ell" in "hello", "xyz" in "hello";
	print "" in "abc";
	local pairs: set[string, count] = { ["x", 1] };
	print ["x", 1] in pairs, ["x", 2] in pairs;
	}
