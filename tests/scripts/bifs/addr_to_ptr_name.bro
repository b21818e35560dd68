# Built-in function addr_to_ptr_name.

event bro_init()
	{
	print addr_to_ptr_name(1.2.3.4);
	print addr_to_ptr_name([2001:db8::1]);
	}
