# A MANUAL stream reads once; Input::force_update reads again, and the
# entries that are still there are not reported as new.
redef exit_only_after_terminate = T;

type Idx: record {
	i: int;
};

type Val: record {
	s: string;
};

global hosts: table[int] of Val = table();
global reads = 0;

event entry(desc: Input::TableDescription, tpe: Input::Event, left: Idx, right: Val)
	{
	print "event", tpe, left$i;
	}

event Input::end_of_data(name: string, source: string)
	{
	print "end_of_data", ++reads, |hosts|;
	if ( reads == 1 )
		print Input::force_update(name);
	else
		terminate();
	}

event bro_init()
	{
	Input::add_table([$source="hosts.dat", $name="hosts", $idx=Idx, $val=Val, $destination=hosts, $ev=entry]);
	}
