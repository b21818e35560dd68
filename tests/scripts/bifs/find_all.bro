# Built-in function find_all.

event bro_init()
	{
	print find_all("a1b22c333", /[0-9]+/);
	print find_all("abc", /[0-9]+/);
	}
