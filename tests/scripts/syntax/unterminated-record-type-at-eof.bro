# @args: --syntax-check --diagnostics=pretty
type Info: record {
	ts: time;
	uid: string;
