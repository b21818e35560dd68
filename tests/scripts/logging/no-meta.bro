# @files
# Without meta lines a file holds only its rows.

redef LogAscii::include_meta = F;

module N;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		x: count &log;
	};
}

event bro_init()
	{
	Log::create_stream(N::LOG, [$columns=Info]);
	Log::write(N::LOG, [$x=1]);
	Log::write(N::LOG, [$x=2]);
	}
