# && and || evaluate the right operand only when needed.
global calls = 0;

function side(r: bool): bool
	{
	++calls;
	return r;
	}

event bro_init()
	{
	print F && side(T);
	print calls;
	print T || side(F);
	print calls;
	print T && side(F);
	print calls;
	print F || side(T);
	print calls;
	print !(T && F);
	}
