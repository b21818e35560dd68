# Nested records and records holding containers.
type Inner: record {
	x: count;
	y: string &optional;
};

type Outer: record {
	i: Inner;
	v: vector of count;
	s: set[count];
};

event bro_init()
	{
	local o = Outer($i=Inner($x=1, $y="z"), $v=vector(1, 2), $s=set(5));
	print o;
	print o$i$x, o$i$y;
	o$i$x = 9;
	print o$i;
	print |o$v|, 5 in o$s;
	}
