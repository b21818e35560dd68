##! Broker: peering with other Bro processes and exchanging events with
##! them. The functions here wrap the peering core's built-in functions
##! (``Broker::__listen`` and friends) with Bro 2.6's defaults.

module Broker;

export {
	## Port used by :bro:see:`Broker::listen` and :bro:see:`Broker::peer` by default.
	const default_port = 9999/tcp &redef;

	## How long to wait before trying to listen again after a failure.
	## ``BRO_DEFAULT_LISTEN_RETRY`` in the environment overrides it.
	const default_listen_retry = 30sec &redef;

	## Address to listen on by default; empty means every address.
	## ``BRO_DEFAULT_LISTEN_ADDRESS`` in the environment sets it.
	const default_listen_address = getenv("BRO_DEFAULT_LISTEN_ADDRESS") &redef;

	## How long to wait between attempts to reach a peer.
	## ``BRO_DEFAULT_CONNECT_RETRY`` in the environment overrides it.
	const default_connect_retry = 30sec &redef;

	## Peerings are not encrypted by this implementation; kept so that
	## scripts which set them still load.
	const disable_ssl = F &redef;
	const ssl_cafile = "" &redef;
	const ssl_capath = "" &redef;
	const ssl_certificate = "" &redef;
	const ssl_passphrase = "" &redef;
	const ssl_keyfile = "" &redef;

	## Tuning knobs of Bro 2.6's Broker; accepted, without effect here.
	const congestion_queue_size = 200 &redef;
	const max_threads = 1 &redef;
	const moderate_sleep = 16 msec &redef;
	const relaxed_sleep = 64 msec &redef;
	const aggressive_polls = 5 &redef;
	const moderate_polls = 5 &redef;
	const aggressive_interval = 4 &redef;
	const moderate_interval = 2 &redef;
	const relaxed_interval = 1 &redef;

	## Whether to forward messages to other peers.
	const forward_messages = F &redef;

	## Topic prefix for remote logs.
	const default_log_topic_prefix = "bro/logs/" &redef;

	## Error codes reported by :bro:see:`Broker::error`.
	type ErrorCode: enum {
		## An unspecified error.
		UNSPECIFIED = 1,
		## The peer speaks another protocol version.
		PEER_INCOMPATIBLE = 2,
		## The peer is not known (e.g. when unpeering).
		PEER_INVALID = 3,
		## The peer cannot be reached.
		PEER_UNAVAILABLE = 4,
		## A handshake with the peer did not complete in time.
		PEER_TIMEOUT = 5,
		## A master with the same name exists already.
		MASTER_EXISTS = 6,
		## No master with the given name exists.
		NO_SUCH_MASTER = 7,
		## The key does not exist in the store.
		NO_SUCH_KEY = 8,
		## A request timed out.
		REQUEST_TIMEOUT = 9,
		## An operation met a value of the wrong type.
		TYPE_CLASH = 10,
		## Data that could not be read.
		INVALID_DATA = 11,
		## A store backend failed.
		BACKEND_FAILURE = 12,
		## A clone's data is stale.
		STALE_DATA = 13,
		## An error of the underlying actor system.
		CAF_ERROR = 100
	};

	## The states of a peering.
	type PeerStatus: enum {
		INITIALIZING,
		CONNECTING,
		CONNECTED,
		PEERED,
		DISCONNECTED,
		RECONNECTING,
	};

	## Where an endpoint is on the network.
	type NetworkInfo: record {
		## Its address.
		address: string &log;
		## Its port.
		bound_port: port &log;
	};

	## An endpoint: its id and, when known, its network address.
	type EndpointInfo: record {
		## The endpoint's id.
		id: string;
		## Where it is, if known.
		network: NetworkInfo &optional;
	};

	## A peer and the state of the peering.
	type PeerInfo: record {
		peer: EndpointInfo;
		status: PeerStatus;
	};

	type PeerInfos: vector of PeerInfo;

	## A value of Broker's data model, as scripts hold one.
	type Data: record {
		data: opaque of Broker::Data &optional;
	};

	## Listens for peers on address *a* and port *p* (0/tcp lets the
	## system choose). On failure it tries again every *retry* (unless
	## zero). Returns the bound port, or 0/tcp when listening failed.
	global listen: function(a: string &default = default_listen_address,
	                        p: port &default = default_port,
	                        retry: interval &default = default_listen_retry): port;

	## Starts peering with the endpoint at *a*:*p*, trying again every
	## *retry* until it succeeds, and reconnecting after a loss.
	global peer: function(a: string, p: port &default=default_port,
	                      retry: interval &default=default_connect_retry): bool;

	## Drops the peering with *a*:*p* (as :bro:see:`Broker::peer_added`
	## reported them).
	global unpeer: function(a: string, p: port): bool;

	## The current peerings.
	global peers: function(): vector of PeerInfo;

	## This endpoint's id.
	global node_id: function(): string;

	## Receives events published on topics starting with *topic_prefix*.
	global subscribe: function(topic_prefix: string): bool;

	## Stops receiving what ``subscribe(topic_prefix)`` asked for.
	global unsubscribe: function(topic_prefix: string): bool;

	## Forwards messages with this topic prefix without handling them.
	global forward: function(topic_prefix: string): bool;

	## Publishes every later local dispatch of event *ev* on *topic*
	## (events that came from peers are not published again).
	global auto_publish: function(topic: string, ev: any): bool;

	## Stops what ``auto_publish(topic, ev)`` started.
	global auto_unpublish: function(topic: string, ev: any): bool;

	## A peering completed.
	global peer_added: event(endpoint: EndpointInfo, msg: string);

	## A peering broke.
	global peer_lost: event(endpoint: EndpointInfo, msg: string);

	## This endpoint dropped a peering.
	global peer_removed: event(endpoint: EndpointInfo, msg: string);

	## A status change without a more specific event (never raised by
	## Bro 2.6's peering).
	global status: event(endpoint: EndpointInfo, msg: string);

	## Something went wrong in the peering core.
	global error: event(code: ErrorCode, msg: string);
}

event retry_listen(a: string, p: port, retry: interval)
	{
	listen(a, p, retry);
	}

function listen(a: string, p: port, retry: interval): port
	{
	local bound = __listen(a, p);

	if ( bound == 0/tcp )
		{
		local e = getenv("BRO_DEFAULT_LISTEN_RETRY");

		if ( e != "" )
			retry = double_to_interval(to_double(e));

		if ( retry != 0secs )
			schedule retry { retry_listen(a, p, retry) };
		}

	return bound;
	}

function peer(a: string, p: port, retry: interval): bool
	{
	return __peer(a, p, retry);
	}

function unpeer(a: string, p: port): bool
	{
	return __unpeer(a, p);
	}

function peers(): vector of PeerInfo
	{
	return __peers();
	}

function node_id(): string
	{
	return __node_id();
	}

function subscribe(topic_prefix: string): bool
	{
	return __subscribe(topic_prefix);
	}

function forward(topic_prefix: string): bool
	{
	return __forward(topic_prefix);
	}

function unsubscribe(topic_prefix: string): bool
	{
	return __unsubscribe(topic_prefix);
	}

function auto_publish(topic: string, ev: any): bool
	{
	return __auto_publish(topic, ev);
	}

function auto_unpublish(topic: string, ev: any): bool
	{
	return __auto_unpublish(topic, ev);
	}

export {
	## Sends the value of the global *id* to the peers subscribed to
	## *topic*; there it becomes the global's value.
	global publish_id: function(topic: string, id: string): bool;
}

function publish_id(topic: string, id: string): bool
	{
	return __publish_id(topic, id);
	}
