# return with and without a value, early returns from loops, recursion.
function find(v: vector of string, needle: string): int
	{
	for ( i in v )
		if ( v[i] == needle )
			return i;
	return -1;
	}

function log_it(msg: string)
	{
	if ( msg == "" )
		return;
	print "log: " + msg;
	}

function fact(n: count): count
	{
	if ( n <= 1 )
		return 1;
	return n * fact(n - 1);
	}

event bro_init()
	{
	local v = vector("x", "y", "z");
	print find(v, "y"), find(v, "q");
	log_it("");
	log_it("hello");
	print fact(10);
	print fact(20);
	}
