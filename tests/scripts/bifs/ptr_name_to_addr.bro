# Built-in function ptr_name_to_addr.

event bro_init()
	{
	print ptr_name_to_addr("4.3.2.1.in-addr.arpa");
	print ptr_name_to_addr("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa");
	print ptr_name_to_addr("example.com");
	}
