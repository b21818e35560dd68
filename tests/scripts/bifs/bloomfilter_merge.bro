# Built-in function bloomfilter_merge.

event bro_init()
	{
	local a = bloomfilter_basic_init(0.1, 50, "same");
	local b = bloomfilter_basic_init(0.1, 50, "same");
	bloomfilter_add(a, 1);
	bloomfilter_add(b, 2);
	local m = bloomfilter_merge(a, b);
	print bloomfilter_lookup(m, 1), bloomfilter_lookup(m, 2);
	# The inputs are unchanged.
	print bloomfilter_lookup(a, 2), bloomfilter_lookup(b, 1);

	local c = bloomfilter_counting_init(2, 20, 3, "same");
	local d = bloomfilter_counting_init(2, 20, 3, "same");
	bloomfilter_add(c, "x");
	bloomfilter_add(d, "x");
	print bloomfilter_lookup(bloomfilter_merge(c, d), "x");

	# Differently seeded, of different kinds, of different element types.
	local e = bloomfilter_basic_init(0.1, 50, "other");
	local bad1 = bloomfilter_merge(a, e);
	local g = bloomfilter_counting_init(2, 20, 3, "same");
	bloomfilter_add(g, 7);
	local bad2 = bloomfilter_merge(a, g);
	local f = bloomfilter_basic_init(0.1, 50, "same");
	bloomfilter_add(f, "s");
	local bad3 = bloomfilter_merge(a, f);
	print "done";
	}
