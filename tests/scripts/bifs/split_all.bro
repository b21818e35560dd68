# Built-in function split_all.

event bro_init()
	{
	local t = split_all("a=b=c", /=/);
	print t[1], t[2], t[3], t[4], t[5], |t|;
	}
