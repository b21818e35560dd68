# Built-in function global_sizes: every global with a value, sized.

global small = 1;
global big: table[count] of string = { [1] = "one", [2] = "two", [3] = "three" };
global unset: count;

event bro_init()
	{
	local s = global_sizes();
	print "small" in s, "big" in s, "unset" in s, "bro_init" in s;
	print s["small"] < s["big"];
	}
