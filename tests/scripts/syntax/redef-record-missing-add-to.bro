# @args: --syntax-check --diagnostics=pretty
type Info: record {
	ts: time;
};

redef record Info {
	note: string &optional;
};
