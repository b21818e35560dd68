# Built-in function global_ids.

type color: enum { Red, Blue };
const answer = 42 &redef;
global hits: count = 0;
option verbose = F;

function f() { }

event bro_init()
	{
	local ids = global_ids();
	for ( n in set("answer", "hits", "verbose", "Red", "f", "color", "bro_init", "global_ids") )
		{
		local i = ids[n];
		print n, i$type_name, i$constant, i$enum_constant, i$option_value, i$redefinable, i?$value;
		}
	print ids["answer"]$value;
	}
