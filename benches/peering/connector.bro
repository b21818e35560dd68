# The connecting side of the peering benchmark (benches/peering.rs):
# peers `rounds` times in a row, each time measuring from the call to
# Broker::peer to its peer_added event, then unpeering. Prints one
# duration in milliseconds per round.
const broker_port = 0/tcp &redef;
const rounds = 100 &redef;

global started: time;
global samples: vector of interval;

event start()
	{
	started = current_time();
	Broker::peer("127.0.0.1", broker_port, 1sec);
	}

event bro_init()
	{
	event start();
	}

event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{
	samples[|samples|] = current_time() - started;
	Broker::unpeer(endpoint$network$address, endpoint$network$bound_port);
	}

event Broker::peer_removed(endpoint: Broker::EndpointInfo, msg: string)
	{
	if ( |samples| < rounds )
		{
		event start();
		return;
		}

	for ( i in samples )
		print fmt("%.3f", interval_to_double(samples[i]) * 1000.0);
	terminate();
	}
