# Broker::data and Broker::data_type for every kind of value, Broker's
# rendering of each, and a value with no Broker form.

type Color: enum { RED, GREEN };

event bro_init()
	{
	print Broker::data(T), Broker::data_type(Broker::data(T));
	print Broker::data(-3), Broker::data_type(Broker::data(-3));
	print Broker::data(3), Broker::data_type(Broker::data(3));
	print Broker::data(1.5), Broker::data_type(Broker::data(1.5));
	print Broker::data("s"), Broker::data_type(Broker::data("s"));
	print Broker::data(10.0.0.1), Broker::data_type(Broker::data(10.0.0.1));
	print Broker::data([2001:db8::1]), Broker::data_type(Broker::data([2001:db8::1]));
	print Broker::data(10.0.0.0/8), Broker::data_type(Broker::data(10.0.0.0/8));
	print Broker::data(80/tcp), Broker::data_type(Broker::data(80/tcp));
	print Broker::data(double_to_time(1.5)), Broker::data_type(Broker::data(double_to_time(1.5)));
	print Broker::data(2sec), Broker::data_type(Broker::data(2sec));
	print Broker::data(GREEN), Broker::data_type(Broker::data(GREEN));
	print Broker::data(set(3, 1, 2)), Broker::data_type(Broker::data(set(3, 1, 2)));
	print Broker::data(table(["b"] = 1, ["a"] = 2)), Broker::data_type(Broker::data(table(["b"] = 1, ["a"] = 2)));
	print Broker::data(vector(1, 2)), Broker::data_type(Broker::data(vector(1, 2)));
	print Broker::data(Broker::data(5));
	print Broker::data(/pat/);
	print Broker::data_type(Broker::Data());
	print "after the error";
	}
