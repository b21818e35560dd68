# Built-in function mask_addr.

event bro_init()
	{
	print mask_addr(10.11.12.13, 16);
	print mask_addr([2001:db8::1], 32);
	print mask_addr(10.11.12.13, 40);
	}
