# Broker vectors held in a Broker::Data: insert clamps its index,
# replace/remove/lookup out of range give an unset Broker::Data; a bad
# item; a vector call on a set.

event bro_init()
	{
	local v = Broker::vector_create();
	print Broker::data_type(v);
	print Broker::vector_insert(v, 0, "a");
	print Broker::vector_insert(v, 100, "c");
	print Broker::vector_insert(v, 1, "b");
	print v, Broker::vector_size(v);
	print Broker::vector_replace(v, 1, 2);
	print Broker::vector_replace(v, 9, 2);
	print Broker::vector_lookup(v, 1), Broker::vector_lookup(v, 3);
	local it = Broker::vector_iterator(v);
	print Broker::vector_remove(v, 0), Broker::vector_remove(v, 5);
	while ( ! Broker::vector_iterator_last(it) )
		{
		print fmt("| %s", Broker::vector_iterator_value(it));
		Broker::vector_iterator_next(it);
		}
	print Broker::vector_iterator_value(it);
	print Broker::vector_insert(v, 0, /x/);
	print Broker::vector_replace(v, 0, /x/);
	print v;
	print Broker::vector_clear(v), Broker::vector_size(v), v;
	print Broker::vector_lookup(Broker::set_create(), 0);
	print "after the error";
	}
