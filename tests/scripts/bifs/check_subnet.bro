# Built-in function check_subnet.

event bro_init()
	{
	local s: set[subnet] = { 10.0.0.0/8, 10.2.0.0/16 };
	print check_subnet(10.2.0.0/16, s), check_subnet(10.2.3.0/24, s);
	}
