# add and delete on sets and tables; deleting absent keys is harmless.
event bro_init()
	{
	local seen: set[string];
	add seen["a"];
	add seen["b"];
	add seen["a"];
	print |seen|;
	delete seen["a"];
	print |seen|, "a" in seen, "b" in seen;
	local t: table[count] of string = { [1] = "x", [2] = "y" };
	delete t[1];
	delete t[99];
	print |t|, 1 in t, t[2];
	local multi: set[addr, port];
	add multi[1.1.1.1, 53/udp];
	delete multi[1.1.1.1, 53/udp];
	print |multi|;
	}
