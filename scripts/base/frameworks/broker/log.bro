##! broker.log: one line per change of a peering (added, removed, lost)
##! and per error the peering core reports.

@load ./main

module Broker;

export {
	## The stream of broker.log.
	redef enum Log::ID += { LOG };

	## What kind of line it is.
	type Type: enum {
		## A peering changed.
		STATUS,
		## Something failed.
		ERROR
	};

	## A line of broker.log.
	type Info: record {
		## When it happened (network time).
		ts:      time        &log;
		## Its kind.
		ty:      Type        &log;
		## What happened (``peer-added``, ``peer-unavailable``...).
		ev:      string      &log;
		## The peer it is about, if any.
		peer:    NetworkInfo &log &optional;
		## The message that came with it.
		message: string      &log &optional;
	};
}

event bro_init() &priority=5
	{
	Log::create_stream(Broker::LOG, [$columns=Info, $path="broker"]);
	}

function log_status(ev: string, endpoint: EndpointInfo, msg: string)
	{
	local r = Info($ts=network_time(), $ty=STATUS, $ev=ev, $message=msg);

	if ( endpoint?$network )
		r$peer = endpoint$network;

	Log::write(Broker::LOG, r);
	}

event Broker::peer_added(endpoint: EndpointInfo, msg: string)
	{
	log_status("peer-added", endpoint, msg);
	}

event Broker::peer_removed(endpoint: EndpointInfo, msg: string)
	{
	log_status("peer-removed", endpoint, msg);
	}

event Broker::peer_lost(endpoint: EndpointInfo, msg: string)
	{
	log_status("connection-terminated", endpoint, msg);
	}

event Broker::error(code: ErrorCode, msg: string)
	{
	# Broker::PEER_UNAVAILABLE -> "peer-unavailable"
	local name = to_lower(subst_string(subst_string(cat(code), "Broker::", ""), "_", "-"));
	Log::write(Broker::LOG, Info($ts=network_time(), $ty=ERROR, $ev=name, $message=msg));
	}
