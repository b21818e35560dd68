# The Broker framework's subscription and publishing calls work without
# any peer: Broker::subscribe, Broker::unsubscribe, Broker::forward,
# Broker::auto_publish, Broker::auto_unpublish and Broker::publish.

global ping: event(n: count);

event bro_init()
	{
	print Broker::subscribe("bro/test/");
	print Broker::forward("bro/fwd/");
	print Broker::unsubscribe("bro/test/");
	print Broker::unsubscribe("never/subscribed/");
	print Broker::auto_publish("bro/test/ping", ping);
	print Broker::auto_unpublish("bro/test/ping", ping);
	print Broker::publish("bro/test/ping", ping, 1);
	}

event bro_done()
	{
	# No log batch waits for peers.
	print Broker::__flush_logs();
	}
