# redef t += { ... } adds entries to a &redef table; redef s += { } to a set.
const known_ports: table[port] of string = {
	[22/tcp] = "ssh",
} &redef;

const trusted: set[addr] = { 10.0.0.1 } &redef;

redef known_ports += {
	[80/tcp] = "http",
	[443/tcp] = "https",
};

redef trusted += { 10.0.0.2 };

event bro_init()
	{
	print |known_ports|;
	print known_ports[22/tcp], known_ports[80/tcp], known_ports[443/tcp];
	print |trusted|, 10.0.0.2 in trusted;
	}
