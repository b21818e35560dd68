# @files
# Logs on standard output (LogAscii::output_to_stdout) keep their place
# among the script's own prints; no file is made.

redef LogAscii::output_to_stdout = T;

module S;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		x: count &log;
	};
}

event bro_init()
	{
	print "before";
	Log::create_stream(S::LOG, [$columns=Info]);
	Log::write(S::LOG, [$x=1]);
	print "between";
	Log::write(S::LOG, [$x=2]);
	}

event bro_done()
	{
	print "done";
	}
