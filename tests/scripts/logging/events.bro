# @files
# A stream's $ev event gets each record written, with defaults filled
# in, after the write (it is queued like any event).

module Ev;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		n: count &log;
		tag: string &log &default="dflt";
	};

	global log_ev: event(rec: Info);
}

event log_ev(rec: Info)
	{
	print "event", rec;
	}

event bro_init()
	{
	Log::create_stream(Ev::LOG, [$columns=Info, $ev=log_ev]);
	Log::write(Ev::LOG, [$n=1]);
	print "written";
	Log::write(Ev::LOG, [$n=2, $tag="mine"]);
	}
