# Built-in function filter_subnet_table.

event bro_init()
	{
	local t: table[subnet] of string = { [10.0.0.0/8] = "a", [10.2.0.0/16] = "b", [5.0.0.0/8] = "c" };
	print filter_subnet_table(10.2.3.4/32, t);
	print filter_subnet_table(1.2.3.4/32, t);
	}
