# A vector passed where a `vector of any` is expected is the same vector:
# the function's changes are the caller's.
function assign(v: vector of any)
	{
	v[|v|] = |v|;
	}

function append(v: vector of any)
	{
	v += |v|;
	}

event bro_init()
	{
	local v: vector of count;
	assign(v);
	assign(v);
	append(v);
	print v, type_name(v);
	}
