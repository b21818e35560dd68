# @args: --syntax-check --diagnostics=pretty
function total(s: set[count]): count
	{
	return |s|;
	}

event bro_init()
	{
	print total({1, 2, 3});
	}
