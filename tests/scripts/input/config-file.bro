# The config framework reads a config file with the config reader: each
# line sets an option (logged to config.log); unknown options and values
# that do not parse are warned about.
@load base/frameworks/config

redef exit_only_after_terminate = T;
redef Config::config_files += { "options.cfg" };

option cfg_count: count = 1;
option cfg_names: set[string] = {};

event Config::log_config(rec: Config::Info)
	{
	print rec$id, rec$old_value, rec$new_value, rec$location;
	}

event Input::end_of_data(name: string, source: string)
	{
	print name, cfg_count, |cfg_names|;
	terminate();
	}
