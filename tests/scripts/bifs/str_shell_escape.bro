# Built-in function str_shell_escape.

event bro_init()
	{
	print str_shell_escape("echo ${X} `id` \"q\" \\");
	}
