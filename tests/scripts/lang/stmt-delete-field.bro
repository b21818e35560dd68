# delete r$f unsets an optional record field.
type Rec: record {
	a: count;
	b: string &optional;
	c: count &default=7;
};

event bro_init()
	{
	local r = Rec($a=1, $b="hello");
	print r;
	delete r$b;
	print r;
	print r?$b;
	delete r$c;
	print r?$c, r$c;
	print r;
	}
