# `as` casts of Broker::Data to script types, and the casts that fail
# (a run-time error that abandons the handler).

type Inner: record {
	s: string;
};

type Outer: record {
	c: count;
	inner: Inner;
	opt: string &optional;
};

type Color: enum { RED, GREEN };

event bro_init()
	{
	print (Broker::data(T) as bool), (Broker::data(-3) as int), (Broker::data(7) as count);
	print (Broker::data(2.5) as double), (Broker::data("hi") as string);
	print (Broker::data(10.0.0.1) as addr), (Broker::data(10.1.0.0/16) as subnet), (Broker::data(53/udp) as port);
	print (Broker::data(double_to_time(42)) as time), (Broker::data(3min) as interval);
	print (Broker::data(GREEN) as Color), (Broker::data(Broker::SET) as Broker::DataType);
	print (Broker::data(set(3, 1, 2)) as set[count]);
	print (Broker::data(table([1, "a"] = T)) as table[count, string] of bool);
	print (Broker::data(vector(1, 2)) as vector of count);
	print (Broker::data(Outer($c=1, $inner=Inner($s="x"))) as Outer);
	local a: any = Broker::data("through any");
	print (a as string);
	}

event bro_init() &priority=-1
	{
	print "wrong kind";
	print (Broker::data("str") as count);
	}

event bro_init() &priority=-2
	{
	print "unset data";
	local d: Broker::Data;
	print (d as count);
	}

event bro_init() &priority=-3
	{
	print "missing record field";
	print (Broker::data(vector(1)) as Outer);
	}

event bro_init() &priority=-4
	{
	print "count is not int";
	print (Broker::data(1) as int);
	}
