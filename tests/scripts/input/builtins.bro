# The four builtins called directly, as the framework's wrappers call
# them: a table stream and an event stream over the same file, a forced
# update of one, then removals; and each with a bad argument (a set
# destination given a value type, an event stream whose event is a
# function, unknown stream names).
redef exit_only_after_terminate = T;

type Idx: record {
	i: int;
};

type Val: record {
	s: string;
};

global t: table[int] of Val = table();
global just_keys: set[int] = set();
global ends = 0;

function not_an_event(desc: Input::EventDescription, tpe: Input::Event, v: Val)
	{
	}

event row(desc: Input::EventDescription, tpe: Input::Event, v: Val)
	{
	print "row", v;
	}

event Input::end_of_data(name: string, source: string)
	{
	print "end_of_data", name, |t|;
	++ends;
	if ( ends == 2 )
		print Input::__force_update("tab");
	if ( ends == 3 )
		{
		print Input::__remove_stream("tab");
		print Input::__remove_stream("ev");
		print Input::__remove_stream("tab-twice-gone");
		terminate();
		}
	}

event bro_init()
	{
	print Input::__create_table_stream([$source="hosts.dat", $name="tab", $idx=Idx, $val=Val, $destination=t]);
	print Input::__create_event_stream([$source="hosts.dat", $name="ev", $fields=Val, $ev=row]);
	print Input::__create_table_stream([$source="hosts.dat", $name="bad1", $idx=Idx, $val=Val, $destination=just_keys]);
	print Input::__create_event_stream([$source="hosts.dat", $name="bad2", $fields=Val, $ev=not_an_event]);
	print Input::__force_update("nope");
	print Input::__remove_stream("nope");
	}
