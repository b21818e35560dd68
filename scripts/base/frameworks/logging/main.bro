##! The logging framework: streams of records written through filters to
##! log writers (ASCII files, JSON, the None writer). The functions here
##! keep the script-side view of streams and filters and hand the work to
##! the built-in log manager (``Log::__create_stream`` and friends).

module Log;

export {
	## The log writers there are. A filter names one in ``$writer``.
	type Writer: enum {
		## Text files: Bro's tab-separated format, TSV or JSON.
		WRITER_ASCII,
		## Writes nothing (with ``LogNone::debug``, describes itself).
		WRITER_NONE,
	};

	## One value per log stream. A script adds its own stream with
	## ``redef enum Log::ID += { LOG };``; the name also gives the
	## stream's default path (``Foo::LOG`` logs to ``foo.log``).
	type ID: enum {
		## Stands for no stream.
		UNKNOWN
	};

	## Whether filters write locally unless they say otherwise.
	const enable_local_logging = T &redef;

	## Whether filters send to peers unless they say otherwise.
	const enable_remote_logging = T &redef;

	## The writer of filters that do not choose one.
	const default_writer = WRITER_ASCII &redef;

	## Field separator writers use unless configured otherwise.
	const separator = "\t" &redef;

	## Separator between the elements of a set or vector.
	const set_separator = "," &redef;

	## What a writer writes for an empty string, set or vector. Keep it
	## different from *unset_field*.
	const empty_field = "(empty)" &redef;

	## What a writer writes for an unset ``&optional`` field.
	const unset_field = "-" &redef;

	## A stream's definition.
	type Stream: record {
		## The record type whose ``&log`` fields are the columns.
		columns: any;

		## An event raised with each record written to the stream; it
		## takes one argument of the *columns* type.
		ev: any &optional;

		## Path for the stream's filters that have none of their own.
		path: string &optional;
	};

	## The path a filter writes to when it has neither ``$path`` nor
	## ``$path_func``: derived from the stream's ID (``Foo::LOG`` ->
	## ``foo``, ``Foo::BAR_LOG`` -> ``foo_bar``, ``FooBar::LOG`` ->
	## ``foo_bar``). *path* is the filter's path or the function's previous
	## answer (empty the first time), which is kept once there is one.
	global default_path_func: function(id: ID, path: string, rec: any) : string &redef;

	## What a rotation postprocessor learns about the rotated file.
	type RotationInfo: record {
		writer: Writer;		##< The writer of the file.
		fname: string;		##< The rotated file's name.
		path: string;		##< The path it was written for.
		open: time;		##< When it was opened.
		close: time;		##< When it was closed.
		terminating: bool;	##< Whether the process is shutting down.
	};

	## How often files are rotated when a filter says nothing else;
	## zero means never.
	const default_rotation_interval = 0secs &redef;

	## The ``strftime()`` format of the time in rotated files' names.
	const default_rotation_date_format = "%Y-%m-%d-%H-%M-%S" &redef;

	## A shell command run on each rotated file; empty for none.
	const default_rotation_postprocessor_cmd = "" &redef;

	## The postprocessor each writer uses by default (each writer's
	## script fills in its own).
	const default_rotation_postprocessors: table[Writer] of function(info: RotationInfo) : bool &redef;

	## Interval of alarm summary mails; zero disables them.
	const default_mail_alarms_interval = 0secs &redef;

	## Renames columns (``["id.orig_h"] = "src"``) for every filter that
	## has no map of its own.
	const default_field_name_map: table[string] of string = table() &redef;

	## What joins the names of nested record fields (``id.orig_h``).
	const default_scope_sep = "." &redef;

	## Prefix of the names of extension columns.
	const Log::default_ext_prefix: string = "_" &redef;

	## The extension function of filters that have none: returns a
	## record whose fields are logged before the stream's own columns.
	## This one returns nothing, which adds no columns.
	const Log::default_ext_func: function(path: string): any =
		function(path: string) { } &redef;

	## How a stream's records are written.
	type Filter: record {
		## The filter's name, unique within its stream.
		name: string;

		## The writer to use.
		writer: Writer &default=default_writer;

		## Decides whether a record is written (all are without one).
		pred: function(rec: any): bool &optional;

		## Where to write; the writer adds its own extension. A path
		## another filter of the same writer already uses gets ``-2``,
		## ``-3``, ... appended.
		path: string &optional;

		## Computes the path for each record, given the stream, the
		## current path and the record (see :bro:see:`Log::default_path_func`).
		path_func: function(id: ID, path: string, rec: any): string &optional;

		## Only these columns are written (all without it).
		include: set[string] &optional;

		## These columns are not written.
		exclude: set[string] &optional;

		## Whether to write locally.
		log_local: bool &default=enable_local_logging;

		## Whether to send to peers.
		log_remote: bool &default=enable_remote_logging;

		## Renames columns before they are written.
		field_name_map: table[string] of string &default=default_field_name_map;

		## What joins the names of nested record fields.
		scope_sep: string &default=default_scope_sep;

		## Prefix of the names of extension columns.
		ext_prefix: string &default=default_ext_prefix;

		## Returns the record of extension columns for a path.
		ext_func: function(path: string): any &default=default_ext_func;

		## How often to rotate; zero means never.
		interv: interval &default=default_rotation_interval;

		## Called for each rotated file (the writer's default without it).
		postprocessor: function(info: RotationInfo) : bool &optional;

		## Writer options (``["tsv"] = "T"``, ``["use_json"] = "T"`` ...).
		config: table[string] of string &default=table();
	};

	## What :bro:see:`Log::get_filter` returns for a filter that does not exist.
	const no_filter: Filter = [$name="<not found>"];

	## Creates (or replaces) stream *id* and gives it the default filter.
	## Returns false when the stream cannot be created.
	global create_stream: function(id: ID, stream: Stream) : bool;

	## Removes a stream, closing its files.
	global remove_stream: function(id: ID) : bool;

	## Lets a disabled stream write again (new streams are enabled).
	global enable_stream: function(id: ID) : bool;

	## Stops a stream from writing until it is enabled again.
	global disable_stream: function(id: ID) : bool;

	## Adds *filter* to stream *id*, replacing a filter of the same name.
	global add_filter: function(id: ID, filter: Filter) : bool;

	## Removes the filter called *name*; true also when there is none.
	global remove_filter: function(id: ID, name: string) : bool;

	## The names of a stream's filters.
	global get_filter_names: function(id: ID) : set[string];

	## The filter called *name*, or :bro:see:`Log::no_filter`.
	global get_filter: function(id: ID, name: string) : Filter;

	## Writes a record to a stream. False when the stream does not exist
	## or the record does not fit its columns.
	global write: function(id: ID, columns: any) : bool;

	## Turns buffering of a stream's writers on or off.
	global set_buf: function(id: ID, buffered: bool): bool;

	## Flushes a stream's writers.
	global flush: function(id: ID): bool;

	## Adds the filter called "default" (all columns, the default path).
	global add_default_filter: function(id: ID) : bool;

	## Removes the filter called "default".
	global remove_default_filter: function(id: ID) : bool;

	## Runs :bro:see:`Log::default_rotation_postprocessor_cmd` on a rotated
	## file *npath*; writers' postprocessors call it.
	global run_rotation_postprocessor_cmd: function(info: RotationInfo, npath: string) : bool;

	## The streams that exist and are enabled (look, do not change).
	global active_streams: table[ID] of Stream = table();
}

# Every stream that exists, enabled or not.
global all_streams: table[ID] of Stream = table();

# The names of each stream's filters.
global stream_filters: table[ID] of set[string] = table();

# The filters as scripts gave them, to hand back from get_filter.
global filters: table[ID, string] of Filter;

# The log manager calls this for a rotated file whose filter has no
# postprocessor of its own.
function __default_rotation_postprocessor(info: RotationInfo) : bool
	{
	if ( info$writer !in default_rotation_postprocessors )
		# A writer without a postprocessor keeps running.
		return T;

	return default_rotation_postprocessors[info$writer](info);
	}

function default_path_func(id: ID, path: string, rec: any) : string
	{
	# Once there is a path (the filter's own, or an earlier answer),
	# it stays.
	if ( path != "" )
		return path;

	local id_str = fmt("%s", id);
	local parts = split_string1(id_str, /::/);

	if ( |parts| != 2 )
		return to_lower(id_str);

	if ( parts[1] == "LOG" )
		{
		# The module name, its CamelCase words joined by "_":
		# HTTP::LOG -> http, DNSUtil::LOG -> dns_util.
		local words = split_string_n(parts[0], /[^A-Z][A-Z][a-z]*/, T, 4);
		local name = "";

		if ( 0 in words )
			name = words[0];

		if ( 1 in words && words[1] != "" )
			name = cat(name, sub_bytes(words[1], 1, 1), "_", sub_bytes(words[1], 2, |words[1]|));

		if ( 2 in words && words[2] != "" )
			name = cat(name, "_", words[2]);

		if ( 3 in words && words[3] != "" )
			name = cat(name, sub_bytes(words[3], 1, 1), "_", sub_bytes(words[3], 2, |words[3]|));

		return to_lower(name);
		}

	# Foo::BAR_LOG -> foo_bar
	local stream_name = parts[1];

	if ( /_LOG$/ in stream_name )
		stream_name = sub(stream_name, /_LOG$/, "");

	return cat(to_lower(parts[0]), "_", to_lower(stream_name));
	}

function run_rotation_postprocessor_cmd(info: RotationInfo, npath: string) : bool
	{
	local cmd = default_rotation_postprocessor_cmd;

	if ( cmd == "" )
		return T;

	# Log::WRITER_ASCII -> "ascii"
	local writer_name = subst_string(to_lower(fmt("%s", info$writer)), "log::writer_", "");

	# The command's arguments: new name, path, open and close times
	# (always in this format) and whether Bro is terminating.
	local line = fmt("%s %s %s %s %s %d %s", cmd, npath, info$path,
	                 strftime("%y-%m-%d_%H.%M.%S", info$open),
	                 strftime("%y-%m-%d_%H.%M.%S", info$close),
	                 info$terminating, writer_name);
@ifdef ( system )
	system(line);
@endif

	return T;
	}

function create_stream(id: ID, stream: Stream) : bool
	{
	if ( ! __create_stream(id, stream) )
		return F;

	all_streams[id] = stream;
	active_streams[id] = stream;

	return add_default_filter(id);
	}

function remove_stream(id: ID) : bool
	{
	delete all_streams[id];
	delete active_streams[id];

	if ( id in stream_filters )
		{
		for ( name in stream_filters[id] )
			delete filters[id, name];

		delete stream_filters[id];
		}

	return __remove_stream(id);
	}

function disable_stream(id: ID) : bool
	{
	delete active_streams[id];
	return __disable_stream(id);
	}

function enable_stream(id: ID) : bool
	{
	if ( ! __enable_stream(id) )
		return F;

	if ( id in all_streams )
		active_streams[id] = all_streams[id];

	return T;
	}

function add_filter(id: ID, filter: Filter) : bool
	{
	local stream = all_streams[id];

	# A filter without a path takes the stream's, and without either it
	# derives one from the stream's ID.
	if ( ! filter?$path && stream?$path )
		filter$path = stream$path;

	if ( ! filter?$path && ! filter?$path_func )
		filter$path_func = default_path_func;

	if ( ! __add_filter(id, filter) )
		return F;

	if ( id !in stream_filters )
		stream_filters[id] = set();

	add stream_filters[id][filter$name];
	filters[id, filter$name] = filter;
	return T;
	}

function remove_filter(id: ID, name: string) : bool
	{
	if ( id in stream_filters )
		delete stream_filters[id][name];

	delete filters[id, name];

	return __remove_filter(id, name);
	}

function get_filter(id: ID, name: string) : Filter
	{
	if ( [id, name] !in filters )
		return no_filter;

	return filters[id, name];
	}

function get_filter_names(id: ID) : set[string]
	{
	if ( id !in stream_filters )
		return set();

	return stream_filters[id];
	}

function write(id: ID, columns: any) : bool
	{
	return __write(id, columns);
	}

function set_buf(id: ID, buffered: bool): bool
	{
	return __set_buf(id, buffered);
	}

function flush(id: ID): bool
	{
	return __flush(id);
	}

function add_default_filter(id: ID) : bool
	{
	return add_filter(id, [$name="default"]);
	}

function remove_default_filter(id: ID) : bool
	{
	return remove_filter(id, "default");
	}
