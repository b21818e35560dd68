# Tables: declaration, insertion, lookup, update and size.
global ports: table[string] of port = {
	["http"] = 80/tcp,
	["dns"] = 53/udp,
};

event bro_init()
	{
	print |ports|;
	print ports["http"];
	ports["ssh"] = 22/tcp;
	print |ports|, ports["ssh"];
	ports["http"] = 8080/tcp;
	print ports["http"];
	print "dns" in ports, "ftp" in ports;
	local one: table[count] of string = table([1] = "one");
	print one;
	local multi: table[count, string] of bool;
	multi[1, "a"] = T;
	print multi[1, "a"], [1, "b"] in multi;
	}
