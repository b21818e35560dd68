# An expression error inside a function ends that function only: the
# call yields nothing, the statement that made it does nothing more, and
# the caller goes on. Run-time messages spell record types out.
type Pair: record {
	a: addr;
	b: port;
};

function as_string(x: any): string
	{
	local s = x as string;
	print "not reached";
	return s;
	}

event bro_init()
	{
	as_string(42);
	local p: Pair = [$a=1.2.3.4, $b=80/tcp];
	print as_string(p);
	print "is string", Broker::Data() is string;
	local r = as_string(Broker::Data());
	print "still running";
	}
