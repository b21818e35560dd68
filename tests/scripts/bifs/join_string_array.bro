# Built-in function join_string_array.

event bro_init()
	{
	local a: string_array = { [1] = "x", [2] = "y", [3] = "z" };
	print join_string_array("-", a);
	local e: string_array;
	print join_string_array("-", e);
	}
