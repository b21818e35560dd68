# Built-in function lookup_ID.

global g = "global value";

event bro_init()
	{
	print lookup_ID("g");
	print lookup_ID("nope");
	print lookup_ID("");
	}
