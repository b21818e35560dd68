# Listening on port 0 lets the system pick a port; listen returns it.
# A listener keeps the process running until terminate().
event bro_init()
	{
	local p = Broker::listen("127.0.0.1", 0/tcp, 0secs);
	print p != 0/tcp, get_port_transport_proto(p);
	print |Broker::peers()|;
	terminate();
	}

event bro_done()
	{
	print "done";
	}
