# string_cat takes only strings.

event bro_init()
	{
	print string_cat("a", 1);
	print "after";
	}
