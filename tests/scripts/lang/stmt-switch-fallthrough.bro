# fallthrough continues into the next case body.
function levels(n: count): vector of string
	{
	local out: vector of string;
	switch ( n ) {
	case 3:
		out[|out|] = "three";
		fallthrough;
	case 2:
		out[|out|] = "two";
		fallthrough;
	case 1:
		out[|out|] = "one";
		break;
	default:
		out[|out|] = "none";
		break;
	}
	return out;
	}

event bro_init()
	{
	print levels(3);
	print levels(2);
	print levels(1);
	print levels(9);
	}
