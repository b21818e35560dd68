# Mistakes with Bro's messages: an unknown stream (no message, F), a
# record that does not fit the columns, a stream without &log fields,
# an event of the wrong type, a column type logs cannot hold, and an
# extension function that returns no record.

module E;

export {
	redef enum Log::ID += { LOG, NOLOG, BADEV, BADTYPE, NEVER };

	type Info: record {
		n: count &log;
		s: string &log &optional;
	};

	type Quiet: record {
		n: count;
	};

	type WithPattern: record {
		p: pattern &log;
	};
}

global wrong_event: event(rec: Quiet);

function not_a_record(path: string): count
	{
	return 1;
	}

event bro_init()
	{
	print Log::create_stream(E::LOG, [$columns=Info]);
	print Log::write(E::NEVER, [$n=1]);
	print Log::write(E::LOG, [$n="one"]);
	# An empty constructor has no element type, so it fits no column.
	print Log::write(E::LOG, [$n=1, $s=vector()]);
	print Log::write(E::LOG, [$s="no n"]);
	print Log::create_stream(E::NOLOG, [$columns=Quiet]);
	print Log::create_stream(E::BADEV, [$columns=Info, $ev=wrong_event]);
	print Log::create_stream(E::BADTYPE, [$columns=WithPattern]);
	print Log::add_filter(E::LOG, [$name="ext", $ext_func=not_a_record]);
	print Log::get_filter_names(E::LOG);
	}
