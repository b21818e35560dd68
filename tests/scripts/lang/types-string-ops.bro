# String concatenation, comparison and a few string builtins.
event bro_init()
	{
	local a = "foo";
	local b = "bar";
	print a + b;
	print a < b, a > b, a == "foo";
	print to_upper(a), to_lower("MiXeD");
	print sub_bytes("hello", 2, 3);
	print strstr("hello", "ll");
	print split_string("a,b,c", /,/);
	print cat(a, 1, T);
	print fmt("%s=%d", a, 3);
	}
