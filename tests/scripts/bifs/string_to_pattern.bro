# Built-in function string_to_pattern.

event bro_init()
	{
	local p = string_to_pattern("a.c", F);
	print p, "abc" == p;
	p = string_to_pattern("a.c", T);
	print p, "abc" == p, "a.c" == p;
	}
