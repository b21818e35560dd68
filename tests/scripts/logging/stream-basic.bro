# @files
# A stream with the default filter: the file is named after the stream's
# ID, has Bro's meta lines, and records get their &default fields.

module Test;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		ts: time &log;
		msg: string &log;
		n: count &log &default=7;
		hidden: string &default="not logged";
	};
}

event bro_init()
	{
	print Log::create_stream(Test::LOG, [$columns=Info]);
	print Log::write(Test::LOG, [$ts=double_to_time(1300000000.5), $msg="hello"]);
	print Log::write(Test::LOG, Info($ts=double_to_time(1300000001.25), $msg="world", $n=42));
	print Log::get_filter_names(Test::LOG);
	}
