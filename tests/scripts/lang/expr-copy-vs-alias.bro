# Assignment aliases containers and records; copy() makes an independent clone.
type Info: record {
	n: count;
	tags: set[string];
};

event bro_init()
	{
	local v1 = vector(1, 2);
	local v2 = v1;
	local v3 = copy(v1);
	v1[0] = 100;
	print v1, v2, v3;

	local r1 = Info($n=1, $tags=set("x"));
	local r2 = r1;
	local r3 = copy(r1);
	r1$n = 2;
	add r1$tags["y"];
	print r2$n, |r2$tags|;
	print r3$n, |r3$tags|;

	local t1: table[count] of string = { [1] = "a" };
	local t2 = copy(t1);
	t1[1] = "changed";
	print t2[1];
	}
