# The raw reader runs a command (a source ending in "|"), hands on its
# output line by line, then reports that the command finished.
redef exit_only_after_terminate = T;

type Line: record {
	s: string;
};

event line(desc: Input::EventDescription, tpe: Input::Event, s: string)
	{
	print "line", s;
	}

event Input::end_of_data(name: string, source: string)
	{
	print "end_of_data", name, source;
	}

event InputRaw::process_finished(name: string, source: string, exit_code: count, signal_exit: bool)
	{
	print "finished", name, exit_code, signal_exit;
	terminate();
	}

event bro_init()
	{
	Input::add_event([$source="printf 'one\\ntwo\\n\\nthree' |", $reader=Input::READER_RAW, $name="cmd",
	                  $fields=Line, $ev=line, $want_record=F]);
	}
