# A record whose type has the same fields as a parameter's record type
# is passed as it is (by reference), as Bro passes it: changes made by
# the function are the caller's. A record of a type that only coerces
# (other fields, other order) is passed as a new record.

type Info: record {
	a: count;
	b: string &optional;
};

function bump(r: Info)
	{
	++r$a;
	}

event bro_init()
	{
	local same = [$a=1, $b="x"];
	bump(same);
	print same;
	local typed = Info($a=10);
	bump(typed);
	print typed;
	local other = [$b="y", $a=100];
	bump(other);
	print other;
	}
