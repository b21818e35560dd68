# Broker sets held in a Broker::Data: kept in Broker's order, changed in
# place, walked with an iterator over a copy; a set call on a string.

event bro_init()
	{
	local s = Broker::set_create();
	print Broker::data_type(s);
	print Broker::set_size(s);
	print Broker::set_insert(s, "b");
	print Broker::set_insert(s, "a");
	print Broker::set_insert(s, "b");
	print Broker::set_insert(s, 3);
	print Broker::set_contains(s, "a"), Broker::set_contains(s, "z");
	print s, Broker::set_size(s);
	local it = Broker::set_iterator(s);
	print Broker::set_remove(s, "a"), Broker::set_remove(s, "a");
	while ( ! Broker::set_iterator_last(it) )
		{
		print fmt("| %s", Broker::set_iterator_value(it));
		Broker::set_iterator_next(it);
		}
	print Broker::set_iterator_next(it);
	print Broker::set_iterator_value(it);
	print Broker::set_insert(s, /pat/);
	print Broker::set_clear(s), Broker::set_size(s), s;
	print Broker::set_size(Broker::data("str"));
	print "after the error";
	}

event bro_init() &priority=-1
	{
	print Broker::set_contains(Broker::Data(), 1);
	}

event bro_done()
	{
	print "done";
	}
