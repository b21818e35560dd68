# Built-in function split.

event bro_init()
	{
	local t = split("a1b22c", /[0-9]+/);
	print t[1], t[2], t[3], |t|;
	print |split("", /x/)|;
	}
