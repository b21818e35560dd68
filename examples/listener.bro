# Listens for peers on 127.0.0.1:9999 and prints what happens to them.
# Run it in one terminal, then examples/connector.bro in another:
#
#     bro examples/listener.bro
#     bro examples/connector.bro
#
# A listener keeps the process running; stop it with Ctrl-C.

event bro_init()
	{
	local p = Broker::listen("127.0.0.1", 9999/tcp);
	print fmt("listening on %s", p);
	}

event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{
	print "peer added", endpoint$network, msg;
	}

event Broker::peer_lost(endpoint: Broker::EndpointInfo, msg: string)
	{
	print "peer lost", endpoint$network, msg;
	}
