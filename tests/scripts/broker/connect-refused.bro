# A peer that is not there: one PEER_UNAVAILABLE per attempt, with Bro's
# message; retry 0 means a single attempt.
redef exit_only_after_terminate = T;

event stop()
	{
	# No second attempt happened meanwhile.
	terminate();
	}

event Broker::error(code: Broker::ErrorCode, msg: string)
	{
	print "error", code, msg;
	schedule 1.5secs { stop() };
	}

event bro_init()
	{
	# Port 1 on loopback: nothing listens there.
	Broker::peer("127.0.0.1", 1/tcp, 0secs);
	}
