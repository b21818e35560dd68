# @files
# Creating a stream again replaces it: its files are closed, and the new
# definition writes its own columns; a self-referencing column type is
# refused.

module RC;

export {
	redef enum Log::ID += { LOG, LOOP };

	type One: record {
		a: count &log;
	};

	type Two: record {
		a: count &log;
		b: string &log;
	};

	type Loop: record {
		n: count &log;
	};

	redef record Loop += {
		more: Loop &log &optional;
	};
}

event bro_init()
	{
	Log::create_stream(RC::LOG, [$columns=One]);
	Log::write(RC::LOG, [$a=1]);
	Log::create_stream(RC::LOG, [$columns=Two, $path="two"]);
	Log::write(RC::LOG, [$a=2, $b="x"]);
	print Log::write(RC::LOG, [$a=3]);
	print Log::create_stream(RC::LOOP, [$columns=Loop]);
	}
