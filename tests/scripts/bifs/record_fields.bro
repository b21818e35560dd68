# record_fields describes each field of a record: Bro 2.6.4 gives
# "record" as every field's type name, then &log, the value if set and
# the &default.

type Inner: record {
	x: count;
};

type R: record {
	a: count &log;
	b: string &optional;
	c: int &default=-5;
	d: Inner &optional;
};

event bro_init()
	{
	local f = record_fields(R($a=1, $d=Inner($x=2)));
	for ( name in f )
		print name, f[name];
	print |record_fields(R($a=1))|;
	print |record_fields(5)|;
	}
