# A function whose `return when` condition calls another function that
# delays in turn: each is called once, and the inner function runs whole
# (calls it makes before its own `return when` are not taken for delays).
redef exit_only_after_terminate = T;

global ready = F;

function note(what: string)
	{
	print what;
	}

function inner(): count
	{
	note("inner called");
	return when ( ready )
		{
		return 41;
		}
	}

function outer(): count
	{
	note("outer called");
	return when ( local x = inner() )
		{
		return x + 1;
		}
	note("outer goes on after its return when");
	}

event set_ready()
	{
	ready = T;
	}

event bro_init()
	{
	when ( local r = outer() )
		{
		print "outer gave", r;
		terminate();
		}
	schedule 10 msec { set_ready() };
	}
