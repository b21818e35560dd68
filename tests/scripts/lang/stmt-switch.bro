# switch with multiple values per case, default, and no implicit fallthrough.
function kind(p: port): string
	{
	switch ( p ) {
	case 80/tcp, 8080/tcp:
		return "web";
	case 22/tcp:
		return "ssh";
	case 53/udp:
		return "dns";
	default:
		return "other";
	}
	}

event bro_init()
	{
	print kind(80/tcp), kind(8080/tcp), kind(22/tcp), kind(53/udp), kind(25/tcp);
	local x = 2;
	switch ( x ) {
	case 1:
		print "one";
		break;
	case 2:
		print "two";
		break;
	case 3:
		print "three (not reached from two)";
		break;
	}
	switch ( "nomatch" ) {
	case "a":
		print "a";
		break;
	}
	print "after switch";
	}
