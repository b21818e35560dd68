##! What every script sees, bare mode included: the events the engine
##! raises on its own, the types built-in functions use, and the
##! tunables scripts redefine. (Built-in functions themselves are
##! registered by the interpreter.)

## Raised once, after all scripts are loaded.
global bro_init: event();
## Raised once, when the process finishes.
global bro_done: event();

## The process keeps running until `terminate()` is called.
const exit_only_after_terminate = F &redef;

## How often tables with expiration attributes are checked.
const table_expire_interval = 10 secs &redef;

type string_vec: vector of string;
type index_vec: vector of count;
type addr_vec: vector of addr;
type subnet_vec: vector of subnet;
type string_array: table[count] of string;
type string_set: set[string];
type addr_set: set[addr];
type count_set: set[count];
type table_string_of_string: table[string] of string;
type table_string_of_count: table[string] of count;

## What `split_string_all` and friends return for each match.
type PatternMatchResult: record {
	matched: bool;
	str: string;
	off: count;
};

type transport_proto: enum { unknown_transport, tcp, udp, icmp };

## A connection's endpoints.
type conn_id: record {
	orig_h: addr &log;
	orig_p: port &log;
	resp_h: addr &log;
	resp_p: port &log;
};

## A field of a record as `record_fields` describes it.
type record_field: record {
	type_name: string;
	log: bool;
	value: any &optional;
	default_val: any &optional;
};
type record_field_table: table[string] of record_field;

type script_id: record {
	type_name: string;
	exported: bool;
	constant: bool;
	enum_constant: bool;
	option_value: bool;
	redefinable: bool;
	value: any &optional;
};
type id_table: table[string] of script_id;

type endpoint_stats: record {
	num_pkts: count;
	num_rxmit: count;
	num_rxmit_bytes: count;
	num_in_order: count;
	num_OO: count;
	num_repl: count;
	endian_type: count;
};

module Reporter;
export {
	type Level: enum { INFO, WARNING, ERROR };
}
module GLOBAL;

## Settings of Bro's older logging interface. The logging framework reads
## ``log_rotate_base_time`` (``"HH:MM"``): rotation intervals are counted
## from that time of day.
const log_rotate_interval = 0 sec &redef;
const log_rotate_base_time = "0:00" &redef;
const log_max_size = 0.0 &redef;
const log_encryption_key = "<undefined>" &redef;

module JSON;
export {
	## How the JSON log format writes times.
	type TimestampFormat: enum {
		## Seconds since the epoch, as a double.
		TS_EPOCH,
		## Milliseconds since the epoch, as a count.
		TS_MILLIS,
		## ISO 8601 date and time in UTC, with microseconds.
		TS_ISO8601,
	};
}
module GLOBAL;

## Directories for `@load`, as given by BROPATH.
const bro_path = "" &redef;

## A parsed FTP PORT/PASV/EPRT/EPSV argument.
type ftp_port: record {
	h: addr;
	p: port;
	valid: bool;
};

## The result of find_entropy() and entropy_test_finish().
type entropy_test_result: record {
	entropy: double;
	chi_square: double;
	mean: double;
	monte_carlo_pi: double;
	serial_correlation: double;
};

## Deprecated. This is superseded by the new logging framework.
global log_file_name: function(tag: string): string &redef;

## Deprecated. This is superseded by the new logging framework.
global open_log_file: function(tag: string): file &redef;

function log_file_name(tag: string): string
	{
	local suffix = getenv("BRO_LOG_SUFFIX") == "" ? "log" : getenv("BRO_LOG_SUFFIX");
	return fmt("%s.%s", tag, suffix);
	}

function open_log_file(tag: string): file
	{
	return open(log_file_name(tag));
	}

## Joins interface names with a space; ``interfaces`` grows through it.
function add_interface(iold: string, inew: string): string
	{
	if ( iold == "" )
		return inew;

	return fmt("%s %s", iold, inew);
	}

## Network interfaces to read from (``redef interfaces += "eth0";``).
global interfaces = "" &add_func = add_interface;

## Joins signature file names with a space; ``signature_files`` grows
## through it.
function add_signature_file(sold: string, snew: string): string
	{
	if ( sold == "" )
		return snew;

	return cat(sold, " ", snew);
	}

## Signature files to load (``redef signature_files += "x.sig";``).
global signature_files = "" &add_func = add_signature_file;

## How many script files may hold an open handle at once; the least
## recently opened is closed (and opened again when next written) to make
## room. Zero means no limit.
const max_files_in_cache = 0 &redef;

## Raised, at once, whenever a script file is opened, including when a
## file the cache closed is opened again.
global file_opened: event(f: file);

## Seeds Bloom filters (and other probabilistic structures) made without
## a name of their own; empty means the process's own seed.
const global_hash_seed: string = "" &redef;

## What `topk_get_top` returns.
type any_vec: vector of any;

## Parameters of `str_smith_waterman`.
type sw_params: record {
	## Shortest substring reported.
	min_strlen: count &default = 3;
	## 0: the single best alignment; 1: all alignments.
	sw_variant: count &default = 0;
};

## Where a common substring sits in one input of `str_smith_waterman`.
type sw_align: record {
	str: string;
	index: count;
};
type sw_align_vec: vector of sw_align;

## A common substring found by `str_smith_waterman`.
type sw_substring: record {
	str: string;
	aligns: sw_align_vec;
	## The first substring of an alignment.
	new: bool;
};
type sw_substring_vec: vector of sw_substring;

## What `rotate_file` and `rotate_file_by_name` report.
type rotate_info: record {
	old_name: string;
	new_name: string;
	open: time;
	close: time;
};

## Whether using the old communication system (deprecated, and not
## available here) is accepted rather than a fatal error at startup.
const old_comm_usage_is_ok: bool = F &redef;

module Analyzer;
export {
	## The protocol analyzers Bro 2.6 comes with, one tag each.
	type Tag: enum {
		ANALYZER_AYIYA,
		ANALYZER_BACKDOOR,
		ANALYZER_BITTORRENT,
		ANALYZER_BITTORRENTTRACKER,
		ANALYZER_CONNSIZE,
		ANALYZER_DCE_RPC,
		ANALYZER_DHCP,
		ANALYZER_DNP3_TCP,
		ANALYZER_DNP3_UDP,
		ANALYZER_CONTENTS_DNS,
		ANALYZER_DNS,
		ANALYZER_FTP_DATA,
		ANALYZER_IRC_DATA,
		ANALYZER_FINGER,
		ANALYZER_FTP,
		ANALYZER_FTP_ADAT,
		ANALYZER_GNUTELLA,
		ANALYZER_GSSAPI,
		ANALYZER_GTPV1,
		ANALYZER_HTTP,
		ANALYZER_ICMP,
		ANALYZER_IDENT,
		ANALYZER_IMAP,
		ANALYZER_INTERCONN,
		ANALYZER_IRC,
		ANALYZER_KRB,
		ANALYZER_KRB_TCP,
		ANALYZER_CONTENTS_RLOGIN,
		ANALYZER_CONTENTS_RSH,
		ANALYZER_LOGIN,
		ANALYZER_NVT,
		ANALYZER_RLOGIN,
		ANALYZER_RSH,
		ANALYZER_TELNET,
		ANALYZER_MODBUS,
		ANALYZER_MYSQL,
		ANALYZER_CONTENTS_NCP,
		ANALYZER_NCP,
		ANALYZER_CONTENTS_NETBIOSSSN,
		ANALYZER_NETBIOSSSN,
		ANALYZER_NTLM,
		ANALYZER_NTP,
		ANALYZER_PIA_TCP,
		ANALYZER_PIA_UDP,
		ANALYZER_POP3,
		ANALYZER_RADIUS,
		ANALYZER_RDP,
		ANALYZER_RFB,
		ANALYZER_CONTENTS_NFS,
		ANALYZER_CONTENTS_RPC,
		ANALYZER_MOUNT,
		ANALYZER_NFS,
		ANALYZER_PORTMAPPER,
		ANALYZER_SIP,
		ANALYZER_CONTENTS_SMB,
		ANALYZER_SMB,
		ANALYZER_SMTP,
		ANALYZER_SNMP,
		ANALYZER_SOCKS,
		ANALYZER_SSH,
		ANALYZER_DTLS,
		ANALYZER_SSL,
		ANALYZER_STEPPINGSTONE,
		ANALYZER_SYSLOG,
		ANALYZER_CONTENTS,
		ANALYZER_TCP,
		ANALYZER_TCPSTATS,
		ANALYZER_TEREDO,
		ANALYZER_UDP,
		ANALYZER_XMPP,
		ANALYZER_ZIP
	};
}
module GLOBAL;

## Where `checkpoint_state` writes the persistent state.
const state_dir = ".state" &redef;

## What `get_matcher_stats` reports about the signature matchers.
type MatcherStats: record {
	## Distinct regular-expression matchers.
	matchers: count;
	## NFA states across all matchers.
	nfa_states: count;
	## DFA states across all matchers.
	dfa_states: count;
	## DFA state transitions computed.
	computed: count;
	## Bytes used by DFA states.
	mem: count;
	## Cache hits.
	hits: count;
	## Cache misses.
	misses: count;
};
