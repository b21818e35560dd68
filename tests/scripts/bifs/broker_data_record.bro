# Broker records held in a Broker::Data: fields start unset, assignment
# past the end fails, unset fields look up as an unset Broker::Data; a
# bad item; a record call on a table.

type R: record {
	a: count;
	b: string &optional;
};

event bro_init()
	{
	local r = Broker::record_create(3);
	print r, Broker::record_size(r), Broker::data_type(r);
	print Broker::record_assign(r, 0, "hi");
	print Broker::record_assign(r, 2, 37);
	print Broker::record_assign(r, 3, 1);
	print Broker::record_assign(r, 1, /x/);
	print Broker::record_lookup(r, 0), Broker::record_lookup(r, 1), Broker::record_lookup(r, 7);
	local it = Broker::record_iterator(r);
	while ( ! Broker::record_iterator_last(it) )
		{
		print fmt("| %s", Broker::record_iterator_value(it));
		Broker::record_iterator_next(it);
		}
	print Broker::record_iterator_value(it);
	print Broker::data(R($a=1));
	print Broker::record_size(Broker::record_create(0));
	print Broker::record_create(9999999999);
	print Broker::record_size(Broker::table_create());
	print "after the error";
	}
