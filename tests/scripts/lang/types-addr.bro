# IPv4 and IPv6 addresses: literals, canonical printing, size and comparison.
event bro_init()
	{
	local a = 192.168.1.10;
	local b = [2001:0db8:0000:0000:0000:0000:0000:0001];
	print a, b;
	print [::1], [::];
	print [::ffff:1.2.3.4];
	print [1:0:0:1:0:0:0:1];
	print |a|, |b|;
	print is_v4_addr(a), is_v6_addr(b);
	print a == 192.168.1.10, a < 192.168.1.20;
	print to_addr("10.0.0.1");
	print type_name(a);
	}
