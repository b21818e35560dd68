# A record is built from `$field=value` elements only; anything else in
# the constructor is named against it. A global initialiser that takes a
# field from a global without a type finds no value there.
type Cmd: record {
	cmd: string;
	stdin: string &default="";
};

global nothing;
const from_nothing = [$ports=nothing];

event bro_init()
	{
	local c = Cmd([$cmd="echo hi"]);
	}
