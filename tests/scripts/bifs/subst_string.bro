# Built-in function subst_string.

event bro_init()
	{
	print subst_string("a-b-c", "-", "+-");
	print subst_string("abc", "", "x");
	}
