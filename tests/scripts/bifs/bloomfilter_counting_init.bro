# Built-in function bloomfilter_counting_init: counters saturate at the
# largest value their width holds.

event bro_init()
	{
	local bf = bloomfilter_counting_init(2, 16, 2, "seed");
	local i = 0;
	while ( ++i <= 5 )
		{
		bloomfilter_add(bf, "x");
		print bloomfilter_lookup(bf, "x");
		}
	print bloomfilter_lookup(bf, "y");
	local bad = bloomfilter_counting_init(2, 16, 0);
	print "done";
	}
