# Built-in functions bloomfilter_basic_init, bloomfilter_basic_init2,
# bloomfilter_add, bloomfilter_lookup and bloomfilter_clear.

event bro_init()
	{
	local bf = bloomfilter_basic_init(0.01, 100, "a name");
	bloomfilter_add(bf, "x");
	bloomfilter_add(bf, "y");
	print bloomfilter_lookup(bf, "x"), bloomfilter_lookup(bf, "y"), bloomfilter_lookup(bf, "z");
	bloomfilter_add(bf, 5);	# wrong type: the first element fixed it
	print bloomfilter_lookup(bf, 5);
	bloomfilter_clear(bf);
	print bloomfilter_lookup(bf, "x");

	local bf2 = bloomfilter_basic_init2(3, 64);
	print bloomfilter_lookup(bf2, 1.5);	# untyped filters hold nothing
	bloomfilter_add(bf2, 1.5);
	print bloomfilter_lookup(bf2, 1.5);

	# Bad parameters yield no filter.
	local bad1 = bloomfilter_basic_init(1.5, 10);
	local bad2 = bloomfilter_basic_init2(0, 10);
	local bad3 = bloomfilter_basic_init2(3, 0);
	local bad4 = bloomfilter_basic_init(0.0, 10);	# would need infinitely many bits
	print "done";
	}
