# Built-in function strftime.

event bro_init()
	{
	print strftime("%Y-%m-%d %H:%M:%S %a %b %j", double_to_time(1350604800.5));
	print strftime("%F %T %%", double_to_time(0.0));
	}
