# @files
# With a rotation interval, files are rotated a last time at shutdown
# (to a name with the time they were opened) and the filter's
# postprocessor gets the rotation's details.

redef Log::default_rotation_interval = 1 hr;

module R;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		n: count &log;
	};
}

function show(info: Log::RotationInfo): bool
	{
	print "rotated", info$writer, info$path, info$terminating, info$open <= info$close, /^own-/ in info$fname;
	return T;
	}

event bro_init()
	{
	Log::create_stream(R::LOG, [$columns=Info]);
	Log::remove_default_filter(R::LOG);
	Log::add_filter(R::LOG, [$name="own", $path="own", $postprocessor=show]);
	Log::write(R::LOG, [$n=1]);
	}
