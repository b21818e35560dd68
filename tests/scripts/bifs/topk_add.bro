# Built-in functions topk_init, topk_add, topk_get_top, topk_count,
# topk_epsilon, topk_size and topk_sum.

event bro_init()
	{
	local t = topk_init(3);
	local v = vector(1, 2, 2, 3, 3, 3, 4);
	for ( i in v )
		topk_add(t, v[i]);
	print topk_get_top(t, 2);
	print topk_count(t, 3), topk_epsilon(t, 3);
	print topk_count(t, 4), topk_epsilon(t, 4);	# took 1's place
	print topk_size(t), topk_sum(t);
	print topk_count(t, 1);	# evicted
	topk_add(t, "x");	# wrong type
	local e = topk_init(2);
	local none = topk_get_top(e, 1);
	print "done";
	}
