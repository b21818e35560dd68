# Unpeering from a peer that does not exist reports PEER_INVALID with
# Bro's message; unpeer itself returns T.
redef exit_only_after_terminate = T;

event Broker::error(code: Broker::ErrorCode, msg: string)
	{
	print "error", code, msg;
	terminate();
	}

event bro_init()
	{
	print Broker::unpeer("10.0.0.1", 4711/tcp);
	}
