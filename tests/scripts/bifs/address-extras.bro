# addr_to_subnet, matching_subnets and routing0_data_to_addrs.

global nets: table[subnet] of string = {
	[10.0.0.0/8] = "eight",
	[10.2.0.0/16] = "sixteen",
	[10.3.0.0/16] = "other",
	[10.2.3.0/24] = "twentyfour",
};

event bro_init()
	{
	print addr_to_subnet(192.168.1.7), addr_to_subnet([2001:db8::7]);
	print matching_subnets(10.2.3.4/32, nets);
	print matching_subnets(10.2.0.0/16, set(10.0.0.0/8, 10.2.0.0/16, 10.2.3.0/24));
	print matching_subnets(192.168.0.0/16, nets);
	print matching_subnets(10.0.0.0/8, set(1, 2));
	print routing0_data_to_addrs("\x00\x00\x00\x00\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x01\x02\x03\x04");
	print routing0_data_to_addrs("\x00\x00\x00\x00\x20\x01");
	}
