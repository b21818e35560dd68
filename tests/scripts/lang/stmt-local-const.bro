# Globals, locals with inferred and explicit types, constants and shadowing.
const limit = 3;
const greeting: string = "hi";
global hits: count = 0;

function bump(): count
	{
	hits += 1;
	return hits;
	}

event bro_init()
	{
	local a = 1;
	local b: double = 2;
	local c: int;
	c = -4;
	print a, b, c;
	print type_name(b);
	print limit, greeting;
	bump();
	bump();
	print hits;
	local hits = "shadowed";
	print hits;
	print bump();
	}
