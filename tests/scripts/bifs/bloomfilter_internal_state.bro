# Built-in function bloomfilter_internal_state: a digest of the filter's
# bits, the same for filters seeded alike and given the same elements.
# @args: -b global_hash_seed=g

event bro_init()
	{
	local a = bloomfilter_basic_init(0.9, 10);
	local b = bloomfilter_basic_init(0.9, 10, "g");
	local c = bloomfilter_basic_init(0.9, 10, "other");
	print bloomfilter_internal_state(a);
	bloomfilter_add(a, "foo");
	bloomfilter_add(b, "foo");
	bloomfilter_add(c, "foo");
	print bloomfilter_internal_state(a) == bloomfilter_internal_state(b);
	print bloomfilter_internal_state(a), bloomfilter_internal_state(c);
	}
