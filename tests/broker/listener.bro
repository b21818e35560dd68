# The listening side of the multi-process peering tests (tests/broker.rs).
# The test sets the knobs on the command line (name=value).

redef exit_only_after_terminate = T;

const broker_port = 0/tcp &redef;
## Unpeer the first peer as soon as it is added.
const unpeer_first = F &redef;
## Terminate after this many peer_added / peer_lost / errors (0: never).
const stop_after_added = 0 &redef;
const stop_after_lost = 1 &redef;
const stop_after_errors = 0 &redef;
## Print peer_added only as a count (many peers).
const quiet = F &redef;

global added = 0;
global lost = 0;
global errors = 0;

event bro_init()
	{
	local p = Broker::listen("127.0.0.1", broker_port, 0secs);
	print "listening", p == broker_port;
	flush_all();
	if ( p == 0/tcp )
		terminate();
	}

event Broker::peer_added(endpoint: Broker::EndpointInfo, msg: string)
	{
	++added;
	if ( quiet )
		{
		if ( added == stop_after_added )
			print fmt("%d peers added", added);
		}
	else
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
	if ( ! quiet )
		print "peer_lost", endpoint$network, msg;
	flush_all();
	if ( lost == stop_after_lost )
		terminate();
	}

event Broker::peer_removed(endpoint: Broker::EndpointInfo, msg: string)
	{
	print "peer_removed", endpoint$network, msg;
	flush_all();
	}

event Broker::error(code: Broker::ErrorCode, msg: string)
	{
	++errors;
	print "error", code, msg;
	if ( errors == stop_after_errors )
		{
		# Bad connections must not disturb the peerings.
		print "peers still connected", |Broker::peers()|;
		terminate();
		}
	flush_all();
	}
