# Values of type any: dynamic type checks with is and casts with as.
function describe(a: any): string
	{
	if ( a is count )
		return fmt("count %d", a as count);
	if ( a is string )
		return fmt("string %s", a as string);
	if ( a is addr )
		return fmt("addr %s", a as addr);
	return "something else";
	}

event bro_init()
	{
	print describe(5);
	print describe("hi");
	print describe(1.2.3.4);
	print describe(2.5);
	local x: any = 7;
	print x is count, x is int, x is string;
	print (x as count) + 1;
	print x;
	}
