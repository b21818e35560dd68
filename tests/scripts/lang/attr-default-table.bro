# &default on tables: constant defaults and defaults computed by a function.
global hits: table[string] of count &default=0;
global names: table[count] of string &default=function(n: count): string { return fmt("unknown-%d", n); };

event bro_init()
	{
	print hits["nobody"];
	hits["a"] += 1;
	hits["a"] += 1;
	print hits["a"];
	print "nobody" in hits;
	print |hits|;
	names[1] = "one";
	print names[1], names[42];
	print 42 in names;
	}
