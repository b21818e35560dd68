# &log marks record fields for logging; it does not change the values themselves.
type Entry: record {
	ts: time &log;
	host: addr &log;
	note: string &log &optional;
	secret: string;
};

event bro_init()
	{
	local e = Entry($ts=double_to_time(100.0), $host=10.1.1.1, $secret="x");
	print e;
	e$note = "ok";
	print e$note, e$secret;
	}
