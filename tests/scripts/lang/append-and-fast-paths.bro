# Strings extended in place keep value semantics; bare %d and %s directives;
# arithmetic and comparisons of locals and constants, unset locals included.
function grow(s: string): string
	{
	s = s + "!";
	return s;
	}

event bro_init()
	{
	local buf = "ab";
	local alias = buf;
	buf = buf + "c" + "d";
	print buf, alias;
	alias = alias + buf;
	print buf, alias;
	local kept = grow(buf);
	print buf, kept;
	local t: table[count] of string = { [1] = "x" };
	local s = t[1];
	s = s + "y";
	print s, t[1];
	local v = vector("p");
	local e = v[0];
	e = e + "q";
	print e, v;
	print fmt("%d|%d|%d|%s|%s|%5d|%-4d|%x", 0, -42, 18446744073709551615, "a\x00b\xff", "", 7, 3, 255);
	local n = 5;
	local d = 2.5;
	print n - 1, n * 3, n / 2, n % 3, d * 2, n < 6, 7 >= n, n == 5;
	local i = -3;
	print i + 1, i * i, i < 0;
	local u: count;
	local w: string;
	print "before";
	print u + 1;
	print "after unset arithmetic";
	w = w + "z";
	print "after unset append";
	print u < 3;
	print "end";
	}
