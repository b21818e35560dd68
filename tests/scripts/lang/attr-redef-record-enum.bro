# redef extends records with new &optional fields and enums with new values.
type Kind: enum { A, B };
redef enum Kind += { C };

type Rec: record {
	x: count;
};

redef record Rec += {
	y: string &optional;
	z: count &default=9;
};

event bro_init()
	{
	local r = Rec($x=1);
	print r;
	r$y = "new";
	print r;
	print C, C != A;
	}
