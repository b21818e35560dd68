##! The input framework: files (and command output) read into tables or
##! turned into events. A stream is described by a ``TableDescription``
##! or an ``EventDescription``; the built-in input manager
##! (``Input::__create_table_stream`` and friends) runs the reader and
##! feeds the script what it reads, later, from the main loop.

module Input;

export {
	## The readers there are. A description names one in ``$reader``.
	type Reader: enum {
		## Bro's tab-separated log format with its ``#fields`` header.
		READER_ASCII,
		## Generated rows for measuring the framework.
		READER_BENCHMARK,
		## A file's bytes in chunks.
		READER_BINARY,
		## ``name value`` lines setting options (the config framework).
		READER_CONFIG,
		## Whole lines of a file or of a command's output.
		READER_RAW,
		## Rows of an SQLite query.
		READER_SQLITE,
	};

	## What happened to an entry a table stream reports.
	type Event: enum {
		## The entry is new.
		EVENT_NEW = 0,
		## An entry under the same index now has another value.
		EVENT_CHANGED = 1,
		## The entry is gone from the source.
		EVENT_REMOVED = 2,
	};

	## How a stream follows its source.
	type Mode: enum {
		## Read once; again only when ``force_update`` asks.
		MANUAL = 0,
		## Read again, from the start, whenever the file changes.
		REREAD = 1,
		## Keep reading what is appended.
		STREAM = 2,
	};

	## The reader of descriptions that do not choose one.
	const default_reader = READER_ASCII &redef;

	## The mode of descriptions that do not choose one.
	const default_mode = MANUAL &redef;

	## Field separator of the ASCII reader unless configured otherwise.
	const separator = "\t" &redef;

	## Separator between the elements of a set or vector.
	const set_separator = "," &redef;

	## What stands for an empty string, set or vector.
	const empty_field = "(empty)" &redef;

	## What stands for an unset field.
	const unset_field = "-" &redef;

	## Whether record fields of types a reader cannot fill (files,
	## functions) are accepted, and left unset.
	const accept_unsupported_types = F &redef;

	## A stream that fills a table.
	type TableDescription: record {
		## The file (or command, or database) read.
		source: string;
		## Which reader reads it.
		reader: Reader &default=Input::default_reader;
		## How the stream follows the source.
		mode: Mode &default=Input::default_mode;
		## The stream's name, unique among the streams.
		name: string;
		## The table or set filled.
		destination: any;
		## The record type whose fields make the index.
		idx: any;
		## The record type whose fields make the value; absent for sets.
		val: any &optional;
		## Whether the value is the whole record (or its only field).
		want_record: bool &default=T;
		## Raised for each new, changed and removed entry.
		ev: any &optional;
		## Decides whether an entry goes in (or, removed, goes out).
		pred: function(typ: Input::Event, left: any, right: any): bool &optional;
		## Raised for the reader's errors and warnings.
		error_ev: any &optional;
		## Options for the reader.
		config: table[string] of string &default=table();
	};

	## A stream that raises an event for each entry.
	type EventDescription: record {
		## The file (or command, or database) read.
		source: string;
		## Which reader reads it.
		reader: Reader &default=Input::default_reader;
		## How the stream follows the source.
		mode: Mode &default=Input::default_mode;
		## The stream's name, unique among the streams.
		name: string;
		## The record type describing an entry's fields.
		fields: any;
		## Whether the event gets the record, or its fields one by one.
		want_record: bool &default=T;
		## The event raised for each entry.
		ev: any;
		## Raised for the reader's errors and warnings.
		error_ev: any &optional;
		## Options for the reader.
		config: table[string] of string &default=table();
	};

	## Starts a stream filling a table.
	global add_table: function(description: Input::TableDescription) : bool;

	## Starts a stream raising events.
	global add_event: function(description: Input::EventDescription) : bool;

	## Starts a stream handing a file to file analysis.
	global add_analysis: function(description: Input::AnalysisDescription) : bool;

	## Ends a stream.
	global remove: function(id: string) : bool;

	## Reads a stream's source again now.
	global force_update: function(id: string) : bool;

	## Raised when a stream has read all its source has for now.
	global end_of_data: event(name: string, source: string);
}

function add_table(description: Input::TableDescription) : bool
	{
	return __create_table_stream(description);
	}

function add_event(description: Input::EventDescription) : bool
	{
	return __create_event_stream(description);
	}

function add_analysis(description: Input::AnalysisDescription) : bool
	{
	return __create_analysis_stream(description);
	}

function remove(id: string) : bool
	{
	return __remove_stream(id);
	}

function force_update(id: string) : bool
	{
	return __force_update(id);
	}
