# if / else if / else chains and blocks without braces.
function grade(score: count): string
	{
	if ( score >= 90 )
		return "A";
	else if ( score >= 80 )
		return "B";
	else if ( score >= 70 )
		return "C";
	else
		return "F";
	}

event bro_init()
	{
	print grade(95), grade(85), grade(72), grade(10);
	local x = 5;
	if ( x > 3 )
		{
		print "big";
		print "still big";
		}
	if ( x > 10 )
		print "huge";
	print "done";
	}
