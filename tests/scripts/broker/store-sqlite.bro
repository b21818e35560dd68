# A SQLite master keeps its pairs in a file: a master opened again on
# the same file (here after closing the first) finds them.

redef exit_only_after_terminate = T;

global h: opaque of Broker::Store;

event bro_init()
	{
	local opts = Broker::BackendOptions($sqlite = Broker::SQLiteOptions($path = "kept.sqlite"));
	h = Broker::create_master("kept", Broker::SQLITE, opts);
	Broker::put(h, "one", 1);
	Broker::put(h, set("x", "y"), vector(1/tcp, 2/udp));
	Broker::put(h, "gone", "soon");
	Broker::increment(h, "one", 41);
	Broker::erase(h, "gone");
	print Broker::close(h);

	h = Broker::create_master("kept", Broker::SQLITE, opts);
	when ( local k = Broker::keys(h) )
		{
		print "keys", k$result;
		when ( local r = Broker::get(h, "one") )
			{
			print "one", r$result;
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
