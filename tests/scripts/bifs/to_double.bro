# Built-in function to_double. A literal reaching it through a
# parameter is named in the error too; a computed string is not.

function conv(s: string): double
	{
	return to_double(s);
	}

event bro_init()
	{
	print to_double("2.5"), to_double("-1e3");
	print conv("abc");
	print conv(cat("x", "y"));
	print to_double("");
	}
