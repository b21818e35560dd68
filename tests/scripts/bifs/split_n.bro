# Built-in function split_n.

event bro_init()
	{
	local t = split_n("a=b=c=d", /=/, T, 2);
	print |t|, t[1], t[2], t[3], t[4], t[5];
	t = split_n("a=b", /=/, F, 0);
	print |t|, t[1];
	}
