# Store calls that go wrong: queries outside a when condition or
# without a timeout block, arguments with no Broker form, a backend
# that does not exist here, and a handle used after close.

redef exit_only_after_terminate = T;

global h: opaque of Broker::Store;

event bro_init()
	{
	h = Broker::create_master("errs");
	Broker::put(h, "k", 1);

	local r = Broker::get(h, "k");
	print "outside when", r;

	when ( local r2 = Broker::get(h, "k") )
		{
		print "no timeout block", r2;
		}

	print "pattern key", Broker::put(h, /x/, 1);
	print "pattern value", Broker::put(h, "k", /x/);
	when ( local r3 = Broker::exists(h, /x/) )
		{
		print "pattern query", r3;
		}
	timeout 1sec
		{
		print "timeout";
		}
	}

event bro_init() &priority=-1
	{
	print "rocksdb";
	local bad = Broker::create_master("rocks", Broker::ROCKSDB);
	# The handle it gives names no store.
	print Broker::put(bad, "k", 1), Broker::close(bad), Broker::store_name(bad);
	when ( local r = Broker::keys(bad) )
		{
		print "keys of no store", r;
		}
	timeout 1sec
		{
		print "timeout";
		}
	}

event bro_init() &priority=-2
	{
	# The same name gives the open store back.
	local again = Broker::create_master("errs");
	print Broker::store_name(again), Broker::is_closed(again);
	print "close", Broker::close(h), Broker::close(h);
	print "is_closed after close", Broker::is_closed(h);
	# A closed handle still reaches its store, as in Bro.
	print "put after close", Broker::put(h, "k2", 2);
	when ( local r = Broker::get(h, "k2") )
		{
		print "get after close", r;
		terminate();
		}
	timeout 1sec
		{
		print "timeout";
		}
	}
