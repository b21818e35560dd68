# for over a table iterates keys; values are looked up by key.
event bro_init()
	{
	local counts: table[string] of count = {
		["a"] = 1,
		["b"] = 2,
		["c"] = 3,
	};
	local total = 0;
	for ( k in counts )
		total += counts[k];
	print total;
	local single: table[count] of string = { [7] = "seven" };
	for ( key in single )
		print key, single[key];
	}
