##! Config files: each file in ``Config::config_files`` is read (again
##! whenever it changes) by the config reader, and each ``name value``
##! line sets that option.

@load ./main

module Config;

export {
	## The config files to read.
	const config_files: set[string] = {} &redef;
}


type EventFields: record {
	option_name: string;
	option_val: string;
};

event config_line(description: Input::EventDescription, tpe: Input::Event, p: EventFields)
	{
	}

event bro_init() &priority=5
	{
	for ( fi in config_files )
		Input::add_event([$reader=Input::READER_CONFIG,
			$mode=Input::REREAD,
			$source=fi,
			$name=cat("config-", fi),
			$fields=EventFields,
			$ev=config_line]);
	}

event InputConfig::new_value(name: string, source: string, id: string, value: any)
	{
	if ( sub_bytes(name, 1, 7) != "config-" )
		return;

	Option::set(id, value, source);
	}
