# Named record constructors, anonymous record literals and coercion to a named type.
type Endpoint: record {
	h: addr;
	p: port;
};

function show(e: Endpoint)
	{
	print fmt("%s:%s", e$h, e$p);
	}

event bro_init()
	{
	local a = Endpoint($h=10.0.0.1, $p=22/tcp);
	print a;
	local b: Endpoint = [$h=10.0.0.2, $p=80/tcp];
	print b;
	show([$h=192.168.0.1, $p=443/tcp]);
	local anon = [$x=1, $y="two"];
	print anon, anon$y;
	print [$n=[$m=1]];
	}
