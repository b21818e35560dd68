# A listener whose peer sends an event the moment the handshake is done
# (tests/broker.rs): Broker::peer_added, queued first, runs first.
redef exit_only_after_terminate = T;

const broker_port = 0/tcp &redef;

global first: event(n: count);

event bro_init()
	{
	Broker::subscribe("test/first");
	local p = Broker::listen("127.0.0.1", broker_port, 0secs);
	print "listening", p == broker_port;
	flush_all();
	}

event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{
	print "peer_added", msg;
	}

event first(n: count)
	{
	print "first", n, is_remote_event();
	terminate();
	}
