# Events: a chain of 1,000,000 events; each `step(n)` raises `step(n+1)`
# until n reaches the limit, then the script calls terminate().
redef exit_only_after_terminate = T;

const limit = 1000000;
global total = 0;

event step(n: count)
	{
	total += n % 7;
	if ( n < limit )
		event step(n + 1);
	else
		{
		print fmt("steps = %d total = %d", n, total);
		terminate();
		}
	}

event bro_init()
	{
	event step(1);
	}
