# Built-in function strptime.

event bro_init()
	{
	print strptime("%Y-%m-%d", "2012-10-19");
	print strptime("%Y-%m-%d %H:%M:%S", "2012-10-19 01:02:03");
	print strptime("%m", "1980-10-24");
	}
