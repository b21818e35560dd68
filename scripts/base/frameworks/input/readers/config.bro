##! Settings of the config reader, which reads ``name value`` lines for
##! the config framework.

module InputConfig;

export {
	## Whether a missing or unreadable file fails the stream.
	const fail_on_file_problem = F &redef;

	## Separator between the elements of a set or vector.
	const set_separator = Input::set_separator &redef;

	## What stands for an empty set or vector.
	const empty_field = Input::empty_field &redef;

	## Raised for each value read (with an event stream whose
	## ``$fields`` are empty).
	global new_value: event(name: string, source: string, id: string, value: any);
}
