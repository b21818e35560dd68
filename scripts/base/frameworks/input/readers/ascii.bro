##! Settings of the ASCII reader (Bro's tab-separated format). Each can
##! also be given per stream in the description's ``$config``.

module InputAscii;

export {
	## Separator between fields.
	const separator = Input::separator &redef;

	## Separator between the elements of a set or vector.
	const set_separator = Input::set_separator &redef;

	## What stands for an empty string, set or vector.
	const empty_field = Input::empty_field &redef;

	## What stands for an unset field.
	const unset_field = Input::unset_field &redef;

	## Whether a line that cannot be read fails the whole stream
	## (otherwise it is skipped with a warning).
	const fail_on_invalid_lines = F &redef;

	## Whether a missing or unreadable file fails the stream (otherwise
	## it is reported and tried again).
	const fail_on_file_problem = F &redef;
}
