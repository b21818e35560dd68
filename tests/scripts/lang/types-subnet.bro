# Subnets: normalisation, membership of addresses, v6 prefixes.
event bro_init()
	{
	local n = 10.1.2.3/8;
	print n;
	print 10.200.0.1 in n, 11.0.0.1 in n;
	print 11.0.0.1 !in n;
	print [2001:db8::1]/64;
	print [2001:db8::5] in [2001:db8::]/32;
	print 1.2.3.4/24 == 1.2.3.0/24;
	print 192.168.5.5 / 16;
	print |10.0.0.0/8|;
	print type_name(n);
	}
