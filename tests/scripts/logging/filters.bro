# @files
# Filters: $include and $exclude, a fixed $path, a $path_func splitting
# records over files, a $pred, replacing and removing filters.

module Conn;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		ts: time;
		id: conn_id;
		service: string &optional;
		bytes: count &default=0;
	} &log;
}

function by_service(id: Log::ID, path: string, rec: Info): string
	{
	return rec?$service ? fmt("svc-%s", rec$service) : "svc-none";
	}

event bro_init()
	{
	Log::create_stream(Conn::LOG, [$columns=Info]);
	Log::add_filter(Conn::LOG, [$name="small", $path="small", $include=set("ts", "id.resp_p")]);
	Log::add_filter(Conn::LOG, [$name="noid", $path="noid", $exclude=set("id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p")]);
	Log::add_filter(Conn::LOG, [$name="split", $path_func=by_service, $include=set("service", "bytes")]);
	Log::add_filter(Conn::LOG, [$name="big", $path="big",
	                            $pred=function(rec: Info): bool { return rec$bytes > 100; }]);
	print Log::get_filter_names(Conn::LOG);
	print Log::get_filter(Conn::LOG, "small")$path;
	print Log::get_filter(Conn::LOG, "nope")$name;

	local id = [$orig_h=10.0.0.1, $orig_p=1234/tcp, $resp_h=10.0.0.2, $resp_p=80/tcp];
	Log::write(Conn::LOG, [$ts=double_to_time(1.0), $id=id, $service="http", $bytes=500]);
	Log::write(Conn::LOG, [$ts=double_to_time(2.0), $id=id, $bytes=50]);
	Log::write(Conn::LOG, [$ts=double_to_time(3.0), $id=id, $service="dns"]);

	# Replacing "small" changes what it writes from now on; removing
	# "big" stops it.
	Log::add_filter(Conn::LOG, [$name="small", $path="small", $include=set("bytes")]);
	print Log::remove_filter(Conn::LOG, "big");
	print Log::remove_filter(Conn::LOG, "never-there");
	Log::write(Conn::LOG, [$ts=double_to_time(4.0), $id=id, $service="http", $bytes=999]);
	print Log::get_filter_names(Conn::LOG);
	}
