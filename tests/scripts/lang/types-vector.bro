# Vectors: construction, append via index, size, holes and resize.
event bro_init()
	{
	local v = vector(1, 2, 3);
	print v, |v|;
	v[|v|] = 4;
	print v;
	local w: vector of string;
	w[2] = "x";
	print w, |w|;
	local r = vector(1.5, 2.0);
	resize(r, 4);
	print r;
	print vector(vector(1), vector(2, 3));
	print vector();
	print type_name(v), type_name(vector("a"));
	}
