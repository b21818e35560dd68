##! Options of the ASCII log writer. Each one can also be given to a
##! single filter as a ``$config`` entry under the same name (for example
##! ``$config = table(["use_json"] = "T")``), and one more exists only
##! that way: ``["tsv"] = "T"`` writes plain tab-separated values, with
##! one line of column names as the only header and no other meta lines.

module LogAscii;

export {
	## Write to standard output instead of files (for debugging).
	const output_to_stdout = F &redef;

	## Write each record as a JSON object, one per line.
	const use_json = F &redef;

	## Compress files with gzip at this level (1 to 9); 0 writes plain
	## text. Compressed files end in ``.gz``.
	const gzip_level = 0 &redef;

	## How JSON output writes times.
	const json_timestamps: JSON::TimestampFormat = JSON::TS_EPOCH &redef;

	## Whether to write the meta lines: the options in use, the column
	## names and types, and when the file was opened and closed. JSON
	## output never has them.
	const include_meta = T &redef;

	## What meta lines start with.
	const meta_prefix = "#" &redef;

	## Separator between fields.
	const separator = Log::separator &redef;

	## Separator between the elements of sets and vectors.
	const set_separator = Log::set_separator &redef;

	## What an empty string, set or vector is written as.
	const empty_field = Log::empty_field &redef;

	## What an unset optional field is written as.
	const unset_field = Log::unset_field &redef;
}

# Gives a rotated file its final name, with the time it was opened
# (``conn.2011-03-07-03-00-05.log``), then runs the configured
# postprocessor command on it.
function default_rotation_postprocessor_func(info: Log::RotationInfo) : bool
	{
	# A compressed file keeps its ".gz".
	local gz = info$fname[-3:] == ".gz" ? ".gz" : "";
	local suffix = getenv("BRO_LOG_SUFFIX");

	if ( suffix == "" )
		suffix = "log";

	local dst = fmt("%s.%s.%s%s", info$path,
	                strftime(Log::default_rotation_date_format, info$open),
	                suffix, gz);

@ifdef ( system )
	system(fmt("/bin/mv %s %s", info$fname, dst));
@endif

	return Log::run_rotation_postprocessor_cmd(info, dst);
	}

redef Log::default_rotation_postprocessors += { [Log::WRITER_ASCII] = default_rotation_postprocessor_func };
