# Built-in function cat_string_array_n.

event bro_init()
	{
	local a: string_array = { [0] = "w", [1] = "x", [2] = "y", [3] = "z" };
	print cat_string_array_n(a, 1, 2);
	print cat_string_array_n(a, 2, 1);
	}
