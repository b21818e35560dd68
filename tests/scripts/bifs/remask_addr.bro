# Built-in function remask_addr.

event bro_init()
	{
	print remask_addr(0.0.255.255, 255.255.0.0, 96+16);
	print remask_addr(1.2.3.4, 5.6.7.8, 96+8);
	}
