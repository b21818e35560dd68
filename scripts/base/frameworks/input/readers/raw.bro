##! Settings of the raw reader, which hands on whole lines of a file or
##! of a command's output (a source ending in ``|``).

module InputRaw;

export {
	## What separates records (lines) in the input.
	const record_separator = "\n" &redef;

	## Raised when a command a stream ran has exited.
	global process_finished: event(name: string, source:string, exit_code:count, signal_exit:bool);
}
