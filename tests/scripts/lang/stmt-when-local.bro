# when whose condition is already true runs its body immediately, before the next statement.
redef exit_only_after_terminate = T;

global t: table[string] of count;

event bro_init()
	{
	t["x"] = 5;
	when ( "x" in t )
		{
		print "found", t["x"];
		terminate();
		}
	print "after when";
	}
