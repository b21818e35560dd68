# Built-in function string_fill.

event bro_init()
	{
	local s = string_fill(4, "ab");
	print |s|, s;
	print |string_fill(0, "ab")|;
	}
