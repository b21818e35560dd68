# @env: BRO_DNS_FAKE=1
# With BRO_DNS_FAKE, lookups in when conditions are answered at once
# with Bro's made-up results.
redef exit_only_after_terminate = T;

global answered = 0;

function done()
	{
	if ( ++answered == 3 )
		terminate();
	}

event bro_init()
	{
	when ( local names = lookup_hostname("www.example.org") )
		{
		print "lookup_hostname", names;
		done();
		}
	when ( local text = lookup_hostname_txt("example.org") )
		{
		print "lookup_hostname_txt", text;
		done();
		}
	when ( local name = lookup_addr(192.168.1.1) )
		{
		print "lookup_addr", name;
		done();
		}
	}
