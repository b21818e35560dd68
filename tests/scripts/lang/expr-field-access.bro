# Field access with $ and presence tests with ?$ on optional fields.
type Person: record {
	name: string;
	age: count &optional;
	email: string &optional;
};

function describe(p: Person): string
	{
	local s = p$name;
	if ( p?$age )
		s = fmt("%s (%d)", s, p$age);
	if ( p?$email )
		s += " <" + p$email + ">";
	return s;
	}

event bro_init()
	{
	local a = Person($name="Ann");
	local b = Person($name="Bob", $age=42, $email="bob@example.com");
	print describe(a);
	print describe(b);
	print a?$age, b?$age;
	a$age = 30;
	print a?$age, a$age;
	}
