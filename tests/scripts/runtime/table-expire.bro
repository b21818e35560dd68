# Entries of a table with &create_expire go once their time is up; an
# &expire_func sees each first and may keep it (a positive interval).
redef exit_only_after_terminate = T;
redef table_expire_interval = 100 msec;

global kept = 0;

function on_expire(t: table[count] of string, idx: count): interval
	{
	print fmt("expiring %d (%s)", idx, t[idx]);
	if ( idx == 2 && kept == 0 )
		{
		++kept;
		return 150 msec;
		}
	return 0 secs;
	}

global cache: table[count] of string &create_expire=200 msec &expire_func=on_expire;

event check()
	{
	print "left in cache", |cache|;
	terminate();
	}

event bro_init()
	{
	cache[1] = "one";
	cache[2] = "two";
	schedule 1 sec { check() };
	}
