# Ping/pong, listening side (tests/broker.rs): answers each ping with a
# pong, which auto_publish sends back; values of many types travel.
redef exit_only_after_terminate = T;

const broker_port = 0/tcp &redef;

type Info: record {
	name: string;
	when_seen: time &optional;
	tags: set[string];
	scores: table[count] of double;
	hosts: vector of addr;
	net: subnet;
	svc: port;
	kind: transport_proto;
	wait: interval;
};

global ping: event(n: count, info: Info);
global pong: event(n: count, note: string);

event bro_init()
	{
	Broker::subscribe("test/ping");
	Broker::auto_publish("test/pong", pong);
	Broker::listen("127.0.0.1", broker_port, 0secs);
	}

event ping(n: count, info: Info)
	{
	print "ping", n, is_remote_event(), info;
	flush_all();
	event pong(n, fmt("pong %d", n));
	}

event pong(n: count, note: string)
	{
	# Dispatched here too: an auto-published event also runs locally.
	print "local pong", n, is_remote_event();
	}

event Broker::peer_lost(endpoint: Broker::EndpointInfo, msg: string)
	{
	terminate();
	}
