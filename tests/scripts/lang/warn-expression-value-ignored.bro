# An expression statement whose value cannot matter (a constant, a
# constant's name, operators over them) is warned about, and so is a
# direct call of a hook, which Bro rejects; the script is still rejected
# for the errors. A hook operator needs a call.
const limit = 10;
global hits = 0;

hook check(n: count)
	{
	print n;
	}

event bro_init()
	{
	1;
	limit + 1;
	hits + 1;
	++hits;
	check(1);
	hook 2 + 2;
	hook check(2);
	}
