# @env: BRO_DNS_FAKE=1
# Hostname literals are sets of the name's addresses; in Bro's fake DNS
# mode each name gets the MD5 of itself as an IPv6 address. In a set
# initialiser a name stands for each of its addresses.
global servers: set[addr] = { www.bro.org, 10.0.0.1, example.com };

event bro_init()
	{
	local a = www.bro.org;
	print type_name(a), |a|;
	print a;
	print |servers|, 10.0.0.1 in servers;
	for ( s in servers )
		if ( s in example.com )
			print "example.com's address is in the set", s;
	}
