# Built-in function sort_string_array.

event bro_init()
	{
	local a: string_array = { [1] = "pear", [2] = "apple", [3] = "fig" };
	local b = sort_string_array(a);
	print b[1], b[2], b[3];
	}
