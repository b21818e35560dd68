# @files
# Disabled streams write nothing (and say T); an enabled one writes
# again; a removed stream is gone, and so is its file's writer.

module D;

export {
	redef enum Log::ID += { LOG, OTHER };

	type Info: record {
		n: count &log;
	};
}

event bro_init()
	{
	Log::create_stream(D::LOG, [$columns=Info]);
	Log::create_stream(D::OTHER, [$columns=Info, $path="other"]);
	print Log::disable_stream(D::LOG), D::LOG in Log::active_streams;
	print Log::write(D::LOG, [$n=1]);
	print Log::enable_stream(D::LOG), D::LOG in Log::active_streams;
	print Log::write(D::LOG, [$n=2]);
	print Log::write(D::OTHER, [$n=3]);
	print Log::remove_stream(D::OTHER), D::OTHER in Log::active_streams;
	print Log::write(D::OTHER, [$n=4]);
	print Log::remove_stream(D::OTHER);
	print Log::flush(D::LOG), Log::set_buf(D::LOG, T), Log::flush(D::OTHER);
	}
