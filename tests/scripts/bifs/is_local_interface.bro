# Built-in function is_local_interface.

event bro_init()
	{
	print is_local_interface(127.0.0.1), is_local_interface([::1]), is_local_interface(1.2.3.4);
	}
