# @args: --syntax-check --diagnostics=pretty
event user_login(name string, attempts: count)
	{
	print name;
	}
