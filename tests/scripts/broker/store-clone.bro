# A clone with no master reachable: it answers from its (empty) copy,
# its writes wait for a master, and asking for a clone of a store this
# endpoint holds gives that store.

redef exit_only_after_terminate = T;

global c: opaque of Broker::Store;

event bro_init()
	{
	c = Broker::create_clone("remote");
	print Broker::store_name(c), Broker::is_closed(c);
	print Broker::put(c, "k", 1);
	when ( local r = Broker::get(c, "k") )
		{
		print "clone get", r;
		local m = Broker::create_master("here");
		Broker::put(m, "k", "v");
		local same = Broker::create_clone("here");
		when ( local r2 = Broker::get(same, "k") )
			{
			print "clone of a local master", r2;
			print Broker::close(c), Broker::is_closed(c);
			terminate();
			}
		timeout 1sec
			{
			print "timeout";
			}
		}
	timeout 1sec
		{
		print "timeout";
		}
	}
