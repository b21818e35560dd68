##! Settings of the SQLite reader.

module InputSQLite;

export {
	## Separator between the elements of a set or vector.
	const set_separator = Input::set_separator &redef;

	## What stands for an unset field.
	const unset_field = Input::unset_field &redef;

	## What stands for an empty string, set or vector.
	const empty_field = Input::empty_field &redef;
}
