##! Runs shell commands asynchronously: ``Exec::run`` starts the command
##! through the raw input reader and its result (exit code, output lines,
##! the lines of files it was asked to read) is the value of a ``when``
##! condition once the command has finished.

@load base/frameworks/input

module Exec;

export {
	## A command to run.
	type Command: record {
		## The shell command line.
		cmd:        string;
		## Text given to the command on its standard input.
		stdin:      string &default="";
		## Files to read once the command has finished.
		read_files: set[string] &optional;
		## Names the command's stream; unique unless given.
		uid:        string &default=unique_id("");
	};

	## What a command gave.
	type Result: record {
		## Its exit code.
		exit_code:   count            &default=0;
		## Whether a signal ended it.
		signal_exit: bool             &default=F;
		## Its standard output, line by line.
		stdout:      vector of string &optional;
		## Its standard error, line by line.
		stderr:      vector of string &optional;
		## The lines of each file it was asked to read.
		files:       table[string] of string_vec &optional;
	};

	## Runs a command; use it as a ``when`` condition.
	global run: function(cmd: Command): Result;

	## Where temporary files go.
	const tmp_dir = "/tmp" &redef;
}

## The commands running (or reading their files), by uid.
global results: table[string] of Result = table();
global running: set[string] = set();
global files_left: table[string] of set[string] = table();

type OneLine: record {
	s: string;
	is_stderr: bool;
};

type FileLine: record {
	s: string;
};

event Exec::line(description: Input::EventDescription, tpe: Input::Event, s: string, is_stderr: bool)
	{
	if ( description$name !in results )
		return;

	local result = results[description$name];
	if ( is_stderr )
		{
		if ( ! result?$stderr )
			result$stderr = vector(s);
		else
			result$stderr[|result$stderr|] = s;
		}
	else
		{
		if ( ! result?$stdout )
			result$stdout = vector(s);
		else
			result$stdout[|result$stdout|] = s;
		}
	}

event Exec::file_line(description: Input::EventDescription, tpe: Input::Event, s: string)
	{
	local parts = split_string1(description$name, /_/);
	if ( |parts| < 2 || parts[0] !in results )
		return;

	local result = results[parts[0]];
	if ( ! result?$files )
		result$files = table();
	if ( parts[1] !in result$files )
		result$files[parts[1]] = vector(s);
	else
		result$files[parts[1]][|result$files[parts[1]]|] = s;
	}

event Input::end_of_data(orig_name: string, source: string)
	{
	local parts = split_string1(orig_name, /_/);
	local uid = parts[0];
	if ( |parts| < 2 || uid !in running )
		return;

	local fname = parts[1];
	local result = results[uid];
	# A file read counts even when it was empty.
	if ( ! result?$files )
		result$files = table();
	if ( fname !in result$files )
		result$files[fname] = vector();

	Input::remove(orig_name);
	if ( uid in files_left )
		{
		delete files_left[uid][fname];
		if ( |files_left[uid]| == 0 )
			delete files_left[uid];
		}

	if ( uid !in files_left )
		delete running[uid];
	}

event InputRaw::process_finished(name: string, source: string, exit_code: count, signal_exit: bool)
	{
	if ( name !in results )
		return;

	results[name]$exit_code = exit_code;
	results[name]$signal_exit = signal_exit;
	Input::remove(name);

	if ( name !in files_left )
		{
		delete running[name];
		return;
		}

	for ( f in files_left[name] )
		Input::add_event([$source=f, $name=fmt("%s_%s", name, f),
		                  $reader=Input::READER_RAW, $want_record=F,
		                  $fields=FileLine, $ev=Exec::file_line]);
	}

function run(cmd: Command): Result
	{
	add running[cmd$uid];
	results[cmd$uid] = Result();
	if ( cmd?$read_files && |cmd$read_files| > 0 )
		files_left[cmd$uid] = copy(cmd$read_files);

	local config_strings: table[string] of string = {
		["stdin"] = cmd$stdin,
		["read_stderr"] = "1",
	};
	Input::add_event([$name=cmd$uid,
	                  $source=fmt("%s |", cmd$cmd),
	                  $reader=Input::READER_RAW,
	                  $mode=Input::STREAM,
	                  $fields=Exec::OneLine,
	                  $ev=Exec::line,
	                  $want_record=F,
	                  $config=config_strings]);

	return when ( cmd$uid !in running )
		{
		local result = results[cmd$uid];
		delete results[cmd$uid];
		return result;
		}
	}
