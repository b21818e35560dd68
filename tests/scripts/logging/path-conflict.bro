# @files
# Two filters of one writer asking for the same path: the second gets
# "-2" and a warning.

module PC;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		n: count &log;
	};
}

event bro_init()
	{
	Log::create_stream(PC::LOG, [$columns=Info]);
	Log::add_filter(PC::LOG, [$name="again", $path="pc"]);
	Log::write(PC::LOG, [$n=1]);
	Log::write(PC::LOG, [$n=2]);
	print Log::get_filter(PC::LOG, "again")$path;
	}
