# Built-in function system: the result is the raw wait status.

event bro_init()
	{
	print system("echo from the shell");
	print system("exit 3");
	}
