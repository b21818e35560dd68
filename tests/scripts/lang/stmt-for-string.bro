# for over a string yields each character as a one-byte string.
event bro_init()
	{
	local out = "";
	for ( c in "hello" )
		out = c + out;
	print out;
	local n = 0;
	for ( ch in "a-b-c" )
		if ( ch == "-" )
			++n;
	print n;
	}
