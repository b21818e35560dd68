# Option::set and Option::set_change_handler: handlers run by priority,
# each sees the value the previous one returned, and the option takes the
# last one; every misuse is reported and returns F.

option level: count = 1;
option names: set[string] = {"a"};
const fixed = 3;

function double_it(ID: string, new_value: count): count
	{
	print fmt("double_it: %s %d -> %d", ID, level, new_value);
	return new_value * 2;
	}

function add_one(ID: string, new_value: count, location: string): count
	{
	print fmt("add_one: %s %d at '%s'", ID, new_value, location);
	return new_value + 1;
	}

function wrong_arg(ID: string, new_value: string): count
	{
	return 0;
	}

function wrong_return(ID: string, new_value: count): bool
	{
	return T;
	}

hook a_hook(ID: string, new_value: count)
	{
	}

event bro_init()
	{
	print Option::set("level", 2), level;
	print Option::set_change_handler("level", double_it);
	print Option::set_change_handler("level", add_one, 10);
	print Option::set("level", 5, "here"), level;
	print Option::set("names", set()), |names|;
	print Option::set("nope", 1);
	print Option::set("fixed", 4);
	print Option::set("level", "x");
	print Option::set_change_handler("nope", double_it);
	print Option::set_change_handler("fixed", double_it);
	print Option::set_change_handler("level", 5);
	print Option::set_change_handler("level", a_hook);
	print Option::set_change_handler("level", wrong_arg);
	print Option::set_change_handler("level", wrong_return, 3);
	print level;
	}
