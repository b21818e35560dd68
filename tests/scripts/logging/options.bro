# @files
# ASCII options: TSV mode, separators and markers from $config, no meta
# lines, and LogAscii's script-wide settings.

redef LogAscii::separator = "|";
redef LogAscii::set_separator = ";";
redef LogAscii::empty_field = "EMPTY";
redef LogAscii::unset_field = "NONE";
redef LogAscii::meta_prefix = "%%";

module O;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		s: string;
		ss: set[string];
		o: count &optional;
	} &log;
}

event bro_init()
	{
	Log::create_stream(O::LOG, [$columns=Info]);
	Log::add_filter(O::LOG, [$name="tsv", $path="tsv", $config=table(["tsv"] = "T", ["separator"] = "\t", ["set_separator"] = ",")]);
	Log::add_filter(O::LOG, [$name="bare", $path="bare", $config=table(["meta_prefix"] = "#", ["unset_field"] = "-")]);
	Log::write(O::LOG, [$s="a|b;c", $ss=set("x;y")]);
	local nothing: set[string];
	Log::write(O::LOG, [$s="EMPTY", $ss=nothing, $o=5]);
	Log::write(O::LOG, [$s="%%like meta", $ss=set("NONE")]);
	}
