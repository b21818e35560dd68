# &read_expire and &write_expire: entries not read (or not written) for
# the interval go away.
redef exit_only_after_terminate = T;
redef table_expire_interval = 50msec;

global by_read: table[string] of count &read_expire = 200msec;
global by_write: table[string] of count &write_expire = 200msec;

event check(n: count)
	{
	if ( n < 5 )
		{
		# Reading keeps a &read_expire entry, writing a &write_expire one.
		local x = by_read["kept"];
		by_write["kept"] = n;
		schedule 100msec { check(n + 1) };
		return;
		}
	print "read_expire left", by_read;
	print "write_expire left", by_write;
	terminate();
	}

event bro_init()
	{
	by_read["kept"] = 1;
	by_read["idle"] = 2;
	by_write["kept"] = 3;
	by_write["idle"] = 4;
	schedule 100msec { check(1) };
	}
