# A function may answer later with `return when`: the `when` that called
# it waits for the value (the function is not called again meanwhile),
# and a timeout may answer instead. Outside a `when` condition a
# `return when` has no one to answer and is an error.
redef exit_only_after_terminate = T;

global ready: set[string];
global calls = 0;
global answers = 0;

function wait_for(key: string, limit: interval): string
	{
	++calls;
	return when ( key in ready )
		{
		return key + " is ready";
		}
	timeout limit
		{
		return key + " timed out";
		}
	}

event make_ready(key: string)
	{
	add ready[key];
	}

function answered(what: string)
	{
	print what, calls;
	if ( ++answers == 2 )
		terminate();
	}

event bro_init()
	{
	schedule 10 msec { make_ready("a") };
	when ( local a = wait_for("a", 5 sec) )
		answered(a);
	when ( local b = wait_for("b", 50 msec) )
		answered(b);
	print wait_for("c", 1 sec);
	}
