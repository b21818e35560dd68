# The connecting side of the multi-process peering tests (tests/broker.rs).
# It peers with 127.0.0.1 at broker_port, retrying every second. Errors
# are printed once per state (the number of failed attempts depends on
# timing).

const broker_port = 0/tcp &redef;
## Unpeer the first peer as soon as it is added.
const unpeer_first = F &redef;
## Terminate after this many peer_added / peer_lost (0: never).
const stop_after_added = 1 &redef;
const stop_after_lost = 0 &redef;

global added = 0;
global lost = 0;
global error_printed = F;

event bro_init()
	{
	Broker::peer("127.0.0.1", broker_port, 1sec);
	}

event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{
	++added;
	error_printed = F;
	print "peer_added", endpoint$network, msg;
	flush_all();
	if ( unpeer_first && added == 1 )
		Broker::unpeer(endpoint$network$address, endpoint$network$bound_port);
	if ( added == stop_after_added )
		terminate();
	}

event Broker::peer_lost(endpoint: Broker::EndpointInfo, msg: string)
	{
	++lost;
	error_printed = F;
	print "peer_lost", endpoint$network, msg;
	flush_all();
	if ( lost == stop_after_lost )
		terminate();
	}

event Broker::peer_removed(endpoint: Broker::EndpointInfo, msg: string)
	{
	print "peer_removed", endpoint$network, msg;
	flush_all();
	terminate();
	}

event Broker::error(code: Broker::ErrorCode, msg: string)
	{
	if ( error_printed )
		return;
	error_printed = T;
	print "error", code, msg;
	flush_all();
	}
