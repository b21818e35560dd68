# Name lookups are never resolved here: a when waiting on one runs its
# timeout block; a lookup outside a when condition is an error.
event bro_init()
	{
	when ( local name = lookup_addr(127.0.0.1) )
		{
		print "resolved", name;
		}
	timeout 1 sec
		{
		print "lookup timed out";
		}
	print lookup_addr(127.0.0.1);
	print "after";
	}
