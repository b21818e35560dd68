# print_raw writes its arguments without escaping and without a newline.

event bro_init()
	{
	print_raw("a\tb", 1, T);
	print_raw("\n");
	print "done";
	}
