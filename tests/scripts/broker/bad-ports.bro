# Peering builtins want TCP ports: Bro's errors, and the values it returns.
event bro_init()
	{
	print Broker::listen("127.0.0.1", 53/udp, 0secs);
	print Broker::peer("127.0.0.1", 53/udp, 0secs);
	print Broker::unpeer("127.0.0.1", 53/udp);
	}
