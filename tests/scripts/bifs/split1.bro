# Built-in function split1.

event bro_init()
	{
	local t = split1("a=b=c", /=/);
	print t[1], t[2], |t|;
	}
