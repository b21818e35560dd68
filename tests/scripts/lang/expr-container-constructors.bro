# table(), set() and vector() constructors and { } initialisers.
type Ports: table[port] of string;

global services: Ports = {
	[22/tcp] = "ssh",
	[80/tcp] = "http",
};

global blocked: set[addr] = { 10.0.0.1, 10.0.0.2 };

event bro_init()
	{
	print |services|, services[22/tcp];
	print |blocked|, 10.0.0.2 in blocked;
	local t = table([1] = "one", [2] = "two");
	print |t|, t[2];
	local s = set("x", "y", "z");
	print |s|, "y" in s;
	local v = vector(1, 2, 3);
	print v;
	local named = Ports([443/tcp] = "https");
	print named;
	local empty: table[string] of count = table();
	print |empty|;
	}
