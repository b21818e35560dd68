# Built-in functions topk_merge and topk_merge_prune.

event bro_init()
	{
	local a = topk_init(2);
	topk_add(a, "x");
	topk_add(a, "x");
	topk_add(a, "y");
	local b = topk_init(2);
	topk_add(b, "z");
	topk_add(b, "y");

	local m = topk_init(2);
	topk_merge(m, a);
	topk_merge(m, b);
	print topk_get_top(m, 5), topk_sum(m);

	local p = topk_init(2);
	topk_merge_prune(p, a);
	topk_merge_prune(p, b);
	print topk_get_top(p, 5);
	print topk_sum(p);	# warns: pruned

	local c = topk_init(2);
	topk_add(c, 1);
	topk_merge(c, a);	# differing types
	print topk_get_top(c, 5);
	}
