# option: a global that may be redefined (like &redef) and is constant
# for scripts otherwise.
option verbose = F;
option limits: table[string] of count = { ["a"] = 1 };
redef verbose = T;
redef limits += { ["b"] = 2 };

event bro_init()
	{
	print verbose, limits;
	}
