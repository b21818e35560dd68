# &default on function parameters supplies values for omitted trailing arguments.
function greet(name: string, greeting: string &default="hello", times: count &default=1): string
	{
	local s = "";
	local i = 0;
	while ( i < times )
		{
		s += fmt("%s %s;", greeting, name);
		++i;
		}
	return s;
	}

event bro_init()
	{
	print greet("ann");
	print greet("bob", "hi");
	print greet("cy", "yo", 2);
	}
