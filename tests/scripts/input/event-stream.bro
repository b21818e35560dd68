# An event stream with the fields passed one by one, and the same file
# as records; the error event sees the reader's warnings.
redef exit_only_after_terminate = T;

type Val: record {
	i: int;
	b: bool;
};

global done = 0;

event line(desc: Input::EventDescription, tpe: Input::Event, i: int, b: bool)
	{
	print "line", desc$name, tpe, i, b;
	}

event rec(desc: Input::EventDescription, tpe: Input::Event, v: Val)
	{
	print "rec", v;
	}

event problem(desc: Input::EventDescription, msg: string, level: Reporter::Level)
	{
	print "problem", desc$name, msg, level;
	}

event Input::end_of_data(name: string, source: string)
	{
	print "end_of_data", name;
	if ( ++done == 2 )
		terminate();
	}

event bro_init()
	{
	Input::add_event([$source="hosts.dat", $name="fields", $fields=Val, $ev=line, $want_record=F]);
	Input::add_event([$source="hosts.dat", $name="records", $fields=Val, $ev=rec, $error_ev=problem]);
	}
