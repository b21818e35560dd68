# &optional record fields start unset and can be tested with ?$.
type Info: record {
	uid: string;
	user: string &optional;
	tries: count &optional;
};

event bro_init()
	{
	local i = Info($uid="C1");
	print i;
	print i?$user, i?$tries;
	i$tries = 3;
	print i?$tries, i$tries;
	print i;
	local j: Info = [$uid="C2", $user="root"];
	print j$user, j?$tries;
	}
