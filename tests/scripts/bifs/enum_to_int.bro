# Built-in function enum_to_int.

type color: enum { RED, GREEN = 10 };

event bro_init()
	{
	print enum_to_int(RED), enum_to_int(GREEN);
	}
