# @files
# The None writer writes no file; with LogNone::debug it says what it
# was started with.

redef Log::default_writer = Log::WRITER_NONE;
redef LogNone::debug = T;

module NW;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		a: count;
		b: set[addr];
	} &log;
}

event bro_init()
	{
	print "start";
	Log::create_stream(NW::LOG, [$columns=Info]);
	Log::add_filter(NW::LOG, [$name="cfg", $path="cfg", $config=table(["z"] = "1", ["a"] = "2")]);
	Log::write(NW::LOG, [$a=1, $b=set(1.2.3.4)]);
	local nothing: set[addr];
	Log::write(NW::LOG, [$a=2, $b=nothing]);
	print "end";
	}
