# Hook handlers run by &priority; break stops the chain and makes hook return F.
global policy: hook(n: count);

hook policy(n: count) &priority=10
	{
	print "first", n;
	}

hook policy(n: count) &priority=5
	{
	if ( n > 100 )
		break;
	print "second", n;
	}

hook policy(n: count) &priority=-5
	{
	print "last", n;
	}

event bro_init()
	{
	print hook policy(1);
	print hook policy(500);
	if ( ! hook policy(200) )
		print "vetoed";
	}
