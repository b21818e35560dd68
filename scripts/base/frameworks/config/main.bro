##! The config framework: options (``option`` declarations) changed at
##! run time, each change logged to ``config.log``. Changes come from
##! ``Config::set_value`` or from config files (see ``input.bro``).

@load base/frameworks/logging

module Config;

export {
	## The config log's stream.
	redef enum Log::ID += { LOG };

	## One change of an option.
	type Info: record {
		## When the option changed.
		ts: time &log;
		## The option's name.
		id: string &log;
		## Its value before.
		old_value: string &log;
		## Its value now.
		new_value: string &log;
		## Where the change came from (a file name, say).
		location: string &optional &log;
	};

	## Raised for each change logged.
	global log_config: event(rec: Info);

	## Changes an option as ``Option::set`` does, on a copy of the value.
	global set_value: function(ID: string, val: any, location: string &default = ""): bool;
}

## An option's value as the log shows it: sets and vectors as their
## elements joined by commas (taken apart from their printed form).
function format_value(value: any) : string
	{
	local tn = type_name(value);
	local s = cat(value);
	if ( /^set/ in tn )
		{
		# "{\n\ta,\n\tb\n}" (strings without the tabs)
		s = |s| > 4 ? sub_bytes(s, 3, |s| - 4) : "";
		s = gsub(s, /\n\t?/, "");
		return sub(s, /^\t/, "");
		}
	else if ( /^vector/ in tn )
		{
		# "[1, 2]"
		s = |s| > 2 ? sub_bytes(s, 2, |s| - 2) : "";
		return gsub(s, /, /, ",");
		}

	return s;
	}

function config_option_changed(ID: string, new_value: any, location: string): any
	{
	local log = Info($ts=network_time(), $id=ID, $old_value=format_value(lookup_ID(ID)), $new_value=format_value(new_value));
	if ( location != "" )
		log$location = location;
	Log::write(LOG, log);
	return new_value;
	}

event bro_init() &priority=10
	{
	Log::create_stream(LOG, [$columns=Info, $ev=log_config, $path="config"]);

	# Every option gets our change handler, late, to log the change.
	local gids = global_ids();
	for ( i in gids )
		{
		if ( ! gids[i]$option_value )
			next;

		Option::set_change_handler(i, config_option_changed, -100);
		}
	}

function set_value(ID: string, val: any, location: string &default = ""): bool
	{
	return Option::set(ID, copy(val), location);
	}
