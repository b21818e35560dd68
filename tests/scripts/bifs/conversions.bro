# count_to_double, int_to_double, double_to_interval and int_to_count;
# a negative int is a bad conversion to count.

event bro_init()
	{
	print count_to_double(0), count_to_double(10000), int_to_double(-41);
	print double_to_interval(90.5), double_to_interval(-2.0);
	print int_to_count(7);
	print int_to_count(-1);
	}
