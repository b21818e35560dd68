# Built-in function cat_string_array.

event bro_init()
	{
	local a: string_array = { [1] = "x", [2] = "y", [3] = "z" };
	print cat_string_array(a);
	local e: string_array;
	print cat_string_array(e);
	}
