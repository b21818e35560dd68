# @files
# JSON output, from LogAscii::use_json or a filter's $config, with the
# three ways of writing times; unset fields are left out.

redef LogAscii::use_json = T;

module J;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		t: time;
		s: string;
		n: count &optional;
		v: vector of string;
		a: addr;
		d: double;
		on: bool;
	} &log;
}

event bro_init()
	{
	Log::create_stream(J::LOG, [$columns=Info]);
	Log::add_filter(J::LOG, [$name="millis", $path="millis", $config=table(["json_timestamps"] = "JSON::TS_MILLIS")]);
	Log::add_filter(J::LOG, [$name="iso", $path="iso", $config=table(["json_timestamps"] = "JSON::TS_ISO8601")]);
	Log::add_filter(J::LOG, [$name="plain", $path="plain", $config=table(["use_json"] = "F")]);
	Log::write(J::LOG, [$t=double_to_time(1215620010.54321), $s="quote \" and & and 'x'\n", $v=vector("a", "b"), $a=[::1], $d=1e10, $on=T]);
	local none: vector of string;
	Log::write(J::LOG, [$t=double_to_time(0.25), $s="", $n=3, $v=none, $a=127.0.0.1, $d=2.0, $on=F]);
	}
