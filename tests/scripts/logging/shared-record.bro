# @files
# A record of the stream's own type (or one with the same fields in the
# same order) is handed to the filters as it is: a predicate that changes
# it changes what later filters and the caller see. A record of another
# type (fields in another order) is coerced into a new one.

module SR;

export {
	redef enum Log::ID += { LOG };

	type Info: record {
		h: addr &log;
		n: count &log;
	};
}

event bro_init()
	{
	Log::create_stream(SR::LOG, [$columns=Info]);
	Log::add_filter(SR::LOG, [$name="mask", $path="masked",
	                          $pred=function(rec: Info): bool { rec$n += 100; return T; }]);
	local r = Info($h=10.20.30.40, $n=1);
	Log::write(SR::LOG, r);
	print "caller sees", r$n;
	local anon = [$h=10.20.30.40, $n=2];
	Log::write(SR::LOG, anon);
	print "caller sees", anon$n;
	local other = [$n=3, $h=10.20.30.40];
	Log::write(SR::LOG, other);
	print "caller keeps", other$n;
	}
