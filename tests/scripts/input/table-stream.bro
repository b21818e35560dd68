# A table stream: entries go into the table (the predicate asked, the
# stream's event queued), then end_of_data; a line that does not parse
# is skipped with a warning. Input::remove ends the stream, and a
# second remove of it (or of an unknown name) says so.
redef exit_only_after_terminate = T;

type Idx: record {
	i: int;
};

type Val: record {
	b: bool &optional;
	s: string;
	ss: set[string];
};

global hosts: table[int] of Val = table();

event entry(desc: Input::TableDescription, tpe: Input::Event, left: Idx, right: Val)
	{
	print "event", tpe, left, right;
	}

event Input::end_of_data(name: string, source: string)
	{
	print "end_of_data", name, source;
	print hosts;
	print Input::remove(name);
	print Input::remove(name);
	print Input::remove("no-such-stream");
	terminate();
	}

event bro_init()
	{
	print Input::add_table([$source="hosts.dat", $name="hosts", $idx=Idx, $val=Val,
	                        $destination=hosts, $ev=entry,
	                        $pred(typ: Input::Event, left: Idx, right: Val) = { return left$i != 2; }]);
	# Nothing is read before the main loop runs.
	print |hosts|;
	}
