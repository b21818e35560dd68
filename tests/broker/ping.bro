# Ping/pong, connecting side (tests/broker.rs): sends three pings with
# Broker::publish, each after the previous pong came back.
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

function send_ping(n: count)
	{
	local info = Info($name=fmt("ping-%d", n), $tags=set("a", "b"), $scores=table([n] = 0.5),
	                  $hosts=vector(127.0.0.1, [::1]), $net=10.0.0.0/8, $svc=53/udp, $kind=tcp,
	                  $wait=n * 1.5sec);
	Broker::publish("test/ping", ping, n, info);
	}

event bro_init()
	{
	Broker::subscribe("test/pong");
	Broker::peer("127.0.0.1", broker_port, 1sec);
	}

event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{
	send_ping(1);
	}

event pong(n: count, note: string)
	{
	print "pong", n, note, is_remote_event();
	if ( n == 3 )
		terminate();
	else
		send_ping(n + 1);
	}
