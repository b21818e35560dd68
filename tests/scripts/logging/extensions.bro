# @files
# Extension columns from Log::default_ext_func (with their prefix),
# renamed columns (field_name_map) and another scope separator.

module X;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		id: conn_id;
		note: string;
	} &log;

	type Ext: record {
		stream_path: string &log;
		node: string &log &default="worker-1";
		secret: string &default="never logged";
	};
}

function add_ext(path: string): Ext
	{
	return [$stream_path=path];
	}

redef Log::default_ext_func = add_ext;
redef Log::default_field_name_map = table(["id.orig_h"] = "src", ["note"] = "comment");

event bro_init()
	{
	Log::create_stream(X::LOG, [$columns=Info]);
	Log::add_filter(X::LOG, [$name="flat", $path="flat", $scope_sep="_", $ext_prefix="ext-",
	                         $field_name_map=table(["id_resp_p"] = "dport")]);
	Log::write(X::LOG, [$id=[$orig_h=1.2.3.4, $orig_p=1/tcp, $resp_h=5.6.7.8, $resp_p=2/tcp], $note="n"]);
	}
