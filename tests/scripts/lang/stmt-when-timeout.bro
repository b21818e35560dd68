# when waits for a condition; timeout fires if it never becomes true.
redef exit_only_after_terminate = T;

global ready = F;
global pending = 2;

function finish()
	{
	--pending;
	if ( pending == 0 )
		terminate();
	}

event make_ready()
	{
	ready = T;
	}

event bro_init()
	{
	when ( ready )
		{
		print "ready became true";
		finish();
		}
	timeout 5secs
		{
		print "ready timed out";
		finish();
		}

	when ( 1 == 2 )
		{
		print "impossible";
		}
	timeout 100msec
		{
		print "never true, timed out";
		finish();
		}

	schedule 10msec { make_ready() };
	print "waiting";
	}
