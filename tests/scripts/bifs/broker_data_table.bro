# Broker tables held in a Broker::Data: insert returns what it replaced,
# remove and lookup return an unset Broker::Data when there is nothing;
# iterator items; bad keys and values; a table call on a vector.

event bro_init()
	{
	local t = Broker::table_create();
	print Broker::data_type(t);
	print Broker::table_size(t);
	print Broker::table_insert(t, "hi", 42);
	print Broker::table_insert(t, "bye", 7);
	print Broker::table_insert(t, "hi", 43);
	print Broker::table_contains(t, "hi"), Broker::table_contains(t, "nope");
	print Broker::table_lookup(t, "bye"), Broker::table_lookup(t, "nope");
	print t, Broker::table_size(t);
	local it = Broker::table_iterator(t);
	while ( ! Broker::table_iterator_last(it) )
		{
		print fmt("| %s", Broker::table_iterator_value(it));
		Broker::table_iterator_next(it);
		}
	print Broker::table_iterator_value(it);
	print Broker::table_remove(t, "bye"), Broker::table_remove(t, "bye");
	print Broker::table_insert(t, /key/, 1);
	print Broker::table_insert(t, "k", /val/);
	print Broker::table_contains(t, /key/);
	print Broker::table_lookup(t, /key/);
	print Broker::table_remove(t, /key/);
	print Broker::table_insert(t, Broker::data(1.5), Broker::data(set(3, 1, 2)));
	print t;
	print Broker::table_clear(t), Broker::table_size(t);
	print Broker::table_size(Broker::vector_create());
	print "after the error";
	}
