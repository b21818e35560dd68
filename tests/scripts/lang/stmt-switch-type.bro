# switch on the dynamic type of an any value with case type ... as binding.
function show(v: any): string
	{
	switch ( v ) {
	case type count as c:
		return fmt("count %d", c + 1);
	case type string as s:
		return fmt("string of length %d", |s|);
	case type addr, type subnet:
		return "network thing";
	default:
		return "unknown";
	}
	}

event bro_init()
	{
	print show(41);
	print show("abc");
	print show(10.0.0.1);
	print show(10.0.0.0/8);
	print show(1.5);
	}
