# Sets: construction, add, delete, membership and size.
event bro_init()
	{
	local s: set[string] = set("a", "b");
	print |s|;
	add s["c"];
	add s["a"];
	print |s|;
	print "c" in s, "z" in s;
	delete s["a"];
	delete s["nothere"];
	print |s|, "a" in s;
	local single = set(10.0.0.1);
	print single;
	local pairs: set[addr, port] = { [1.2.3.4, 80/tcp] };
	print [1.2.3.4, 80/tcp] in pairs, [1.2.3.4, 81/tcp] in pairs;
	local empty: set[count];
	print empty, |empty|;
	}
