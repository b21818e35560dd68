# An assignment whose value does not fit says so for the whole
# assignment; a set constructor is first rebuilt with the target's type
# so that what does not fit is named.
type Ports: set[port];

event bro_init()
	{
	local names: vector of string = vector("a");
	local counts: vector of count = vector(1);
	names = counts;
	local ok: Ports = set(22/tcp);
	local bad: Ports = set(22);
	local t: table[port] of count = table(["x"] = 1);
	local n: count = "three";
	}
