# @args: --syntax-check --diagnostics=pretty
type Info: record {
	name: string;
};

event bro_init()
	{
	local i = Info($name="x");
	print i$1;
	}
