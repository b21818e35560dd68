# Peers with the listener of examples/listener.bro (start that first, or
# not: the connector retries every second until the listener is up),
# prints the peering, lists its peers and leaves three seconds later.

event leave()
	{
	terminate();
	}

event bro_init()
	{
	Broker::peer("127.0.0.1", 9999/tcp, 1sec);
	}

event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{
	print "peer added", endpoint$network, msg;
	for ( i in Broker::peers() )
		print "peer", Broker::peers()[i]$status;
	schedule 3secs { leave() };
	}

event Broker::error(code: Broker::ErrorCode, msg: string)
	{
	print "error", code, msg;
	}
