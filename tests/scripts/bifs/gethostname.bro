# Built-in function gethostname.

event bro_init()
	{
	print |gethostname()| > 0;
	}
