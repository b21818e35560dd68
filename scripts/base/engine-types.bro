##! Types that the engine's built-in functions name in their signatures:
##! connections, packets, statistics, geolocation, file and protocol
##! analysis. The interpreter analyses no traffic, so most of these only
##! let scripts that mention them load; the statistics and geolocation
##! records are what the working builtins return.

## One side of a connection.
type endpoint: record {
	size: count;
	state: count;
	num_pkts: count &optional;
	num_bytes_ip: count &optional;
	flow_label: count;
	l2_addr: string &optional;
};

## A connection as the event engine describes it.
type connection: record {
	id: conn_id;
	orig: endpoint;
	resp: endpoint;
	start_time: time;
	duration: interval;
	service: set[string];
	history: string;
	uid: string;
};

## How a packet's link layer is framed.
type link_encap: enum { LINK_ETHERNET, LINK_UNKNOWN };

## A captured packet (``get_current_packet``, ``dump_packet``).
type pcap_packet: record {
	ts_sec: count;
	ts_usec: count;
	caplen: count;
	len: count;
	data: string;
	link_type: link_encap;
};

## The link-layer header of a packet.
type l2_hdr: record {
	encap: link_encap;
	len: count;
	cap_len: count;
	src: string &optional;
	dst: string &optional;
	vlan: count &optional;
	inner_vlan: count &optional;
	eth_type: count &optional;
};

## The headers of the current packet (``get_current_packet_header``).
type raw_pkt_hdr: record {
	l2: l2_hdr;
};

## Names for the packet filters of the pcap input.
type PcapFilterID: enum { None };

## How ``anonymize_addr`` treats an address.
type IPAddrAnonymizationClass: enum { ORIG_ADDR, RESP_ADDR, OTHER_ADDR };

## Where an address is, as ``lookup_location`` finds it.
type geo_location: record {
	country_code: string &optional;
	region: string &optional;
	city: string &optional;
	latitude: double &optional;
	longitude: double &optional;
} &log;

## Statistics returned by ``get_net_stats``.
type NetStats: record {
	pkts_recvd: count &default=0;
	pkts_dropped: count &default=0;
	pkts_link: count &default=0;
	bytes_recvd: count &default=0;
};

## Statistics returned by ``get_conn_stats``.
type ConnStats: record {
	total_conns: count;
	current_conns: count;
	current_conns_extern: count;
	sess_current_conns: count;
	num_packets: count;
	num_fragments: count;
	max_fragments: count;
	num_tcp_conns: count;
	max_tcp_conns: count;
	cumulative_tcp_conns: count;
	num_udp_conns: count;
	max_udp_conns: count;
	cumulative_udp_conns: count;
	num_icmp_conns: count;
	max_icmp_conns: count;
	cumulative_icmp_conns: count;
	killed_by_inactivity: count;
};

## Statistics returned by ``get_proc_stats``.
type ProcStats: record {
	debug: bool;
	start_time: time;
	real_time: interval;
	user_time: interval;
	system_time: interval;
	mem: count;
	minor_faults: count;
	major_faults: count;
	num_swap: count;
	blocking_input: count;
	blocking_output: count;
	num_context: count;
};

## Statistics returned by ``get_event_stats``.
type EventStats: record {
	queued: count;
	dispatched: count;
};

## Statistics returned by ``get_reassembler_stats``.
type ReassemblerStats: record {
	file_size: count;
	frag_size: count;
	tcp_size: count;
	unknown_size: count;
};

## Statistics returned by ``get_timer_stats``.
type TimerStats: record {
	current: count;
	max: count;
	cumulative: count;
};

## Statistics returned by ``get_file_analysis_stats``.
type FileAnalysisStats: record {
	current: count;
	max: count;
	cumulative: count;
};

## Statistics returned by ``get_dns_stats``.
type DNSStats: record {
	requests: count;
	successful: count;
	failed: count;
	pending: count;
	cached_hosts: count;
	cached_addresses: count;
};

## Statistics returned by ``get_gap_stats``.
type GapStats: record {
	ack_events: count;
	ack_bytes: count;
	gap_events: count;
	gap_bytes: count;
};

## Statistics returned by ``get_thread_stats``.
type ThreadStats: record {
	num_threads: count;
};

## Statistics returned by ``get_broker_stats``.
type BrokerStats: record {
	num_peers: count;
	num_stores: count;
	num_pending_queries: count;
	num_events_incoming: count;
	num_events_outgoing: count;
	num_logs_incoming: count;
	num_logs_outgoing: count;
	num_ids_incoming: count;
	num_ids_outgoing: count;
};

## Statistics returned by ``get_reporter_stats``.
type ReporterStats: record {
	weirds: count;
	weirds_by_type: table[string] of count;
};

## Weirds whose names are listed here are never sampled: every one is
## reported.
const weird_sampling_whitelist: set[string] = {} &redef;
## How many weirds of a name are reported before sampling starts.
const weird_sampling_threshold: count = 25 &redef;
## Once sampling, one in this many weirds of a name is reported.
const weird_sampling_rate: count = 1000 &redef;
## How long the count of a weird name lasts before it starts over.
const weird_sampling_duration: interval = 10min &redef;

module Analyzer;
export {
	## The protocol analyzers; plugins add their tags.
	type Tag: enum { ANALYZER_NONE };
}

module Files;
export {
	## The file analyzers; plugins add their tags.
	type Tag: enum { ANALYZER_NONE };
}

module GLOBAL;

## A file the file-analysis framework sees.
type fa_file: record {
	id: string;
	parent_id: string &optional;
	source: string;
	is_orig: bool &optional;
	last_active: time;
	seen_bytes: count &default=0;
	total_bytes: count &optional;
	missing_bytes: count &default=0;
	overflow_bytes: count &default=0;
	timeout_interval: interval &default=2mins;
	bof_buffer_size: count &default=4096;
	bof_buffer: string &optional;
};

module X509;
export {
	## A parsed certificate.
	type Certificate: record {
		version: count &log;
		serial: string &log;
		subject: string &log;
		issuer: string &log;
		cn: string &optional;
		not_valid_before: time &log;
		not_valid_after: time &log;
		key_alg: string &log;
		sig_alg: string &log;
		key_type: string &optional &log;
		key_length: count &optional &log;
		exponent: string &optional &log;
		curve: string &optional &log;
	};

	## The outcome of a certificate chain verification.
	type Result: record {
		result: int;
		result_string: string;
		chain_certs: vector of opaque of x509 &optional;
	};
}

module Input;
export {
	## A file the input framework hands to file analysis.
	type AnalysisDescription: record {
		source: string;
		name: string;
		config: table[string] of string &default=table();
	};
}

module GLOBAL;

## Certificates to verify (``x509_verify``).
type x509_opaque_vector: vector of opaque of x509;

## Raised for a weird that concerns no connection or flow
## (``Reporter::net_weird``), subject to weird sampling.
global net_weird: event(name: string);

## Raised for a weird between two hosts (``Reporter::flow_weird``),
## subject to weird sampling.
global flow_weird: event(name: string, src: addr, dst: addr);

## The ways ``anonymize_addr`` can rewrite an address (deprecated). Which
## one each class of address gets is set by redefining
## ``orig_addr_anonymization``, ``resp_addr_anonymization`` and
## ``other_addr_anonymization``; without that, addresses stay as they are.
type IPAddrAnonymization: enum {
	KEEP_ORIG_ADDR,
	SEQUENTIALLY_NUMBERED,
	RANDOM_MD5,
	PREFIX_PRESERVING_A50,
	PREFIX_PRESERVING_MD5,
};

## One file-magic signature that matched (``file_magic``).
type mime_match: record {
	strength: int;
	mime: string;
};

## The matching file-magic signatures, strongest first.
type mime_matches: vector of mime_match;
