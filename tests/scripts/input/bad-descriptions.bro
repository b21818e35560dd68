# Descriptions Bro refuses, with its messages: index and value types
# that do not fit the destination, an event of the wrong shape, a name
# already taken; and a file that does not exist (reported by the reader
# when it starts). force_update of an unknown stream is an error.
redef exit_only_after_terminate = T;
redef InputAscii::fail_on_file_problem = T;

type Idx: record {
	i: int;
};

type Val: record {
	s: string;
};

global by_string: table[string] of Val = table();
global two_keys: table[int, int] of Val = table();
global counts: table[int] of count = table();
global ok: table[int] of Val = table();

event wrong(desc: Input::TableDescription, tpe: Input::Event)
	{
	}

event kill_me()
	{
	terminate();
	}

event bro_init()
	{
	print Input::add_table([$source="hosts.dat", $name="a", $idx=Idx, $val=Val, $destination=by_string]);
	print Input::add_table([$source="hosts.dat", $name="b", $idx=Idx, $val=Val, $destination=two_keys]);
	print Input::add_table([$source="hosts.dat", $name="c", $idx=Idx, $val=Val, $destination=counts, $want_record=F]);
	print Input::add_table([$source="hosts.dat", $name="d", $idx=Idx, $val=Val, $destination=ok, $ev=wrong]);
	print Input::add_table([$source="does-not-exist.dat", $name="e", $idx=Idx, $val=Val, $destination=ok]);
	print Input::add_table([$source="hosts.dat", $name="e", $idx=Idx, $val=Val, $destination=ok]);
	print Input::force_update("no-such-stream");
	schedule 1sec { kill_me() };
	}
