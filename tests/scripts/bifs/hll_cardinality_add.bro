# Built-in functions hll_cardinality_init, hll_cardinality_add,
# hll_cardinality_estimate, hll_cardinality_merge_into and
# hll_cardinality_copy.

event bro_init()
	{
	local h = hll_cardinality_init(0.01, 0.95);
	local i = 0;
	while ( ++i <= 100 )
		hll_cardinality_add(h, i);
	hll_cardinality_add(h, 1);	# seen already
	print hll_cardinality_estimate(h);
	print hll_cardinality_add(h, "a string");	# wrong type

	local c = hll_cardinality_copy(h);
	while ( ++i <= 200 )
		hll_cardinality_add(c, i);
	print hll_cardinality_estimate(h), hll_cardinality_estimate(c);

	local e = hll_cardinality_init(0.01, 0.95);
	print hll_cardinality_estimate(e);
	print hll_cardinality_merge_into(e, c), hll_cardinality_estimate(e);

	local coarse = hll_cardinality_init(0.1, 0.95);
	print hll_cardinality_merge_into(coarse, h);

	# An error margin of zero gets the finest counter there is.
	local fine = hll_cardinality_init(0.0, 0.5);
	hll_cardinality_add(fine, 1);
	print hll_cardinality_estimate(fine);
	}
