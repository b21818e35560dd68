# The listening side of the peering benchmark (benches/peering.rs).
redef exit_only_after_terminate = T;
const broker_port = 0/tcp &redef;

event bro_init()
	{
	print "listening", Broker::listen("127.0.0.1", broker_port, 0secs) == broker_port;
	flush_all();
	}
