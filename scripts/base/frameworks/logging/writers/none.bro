##! Options of the None log writer, which writes nothing: a stream can
##! log without files, and with ``debug`` it shows what it was given.

module LogNone;

export {
	## Print each writer's path, rotation settings, configuration and
	## columns to standard output when it starts.
	const debug = F &redef;
}

# Nothing was written, so there is nothing to do with a rotated file.
function default_rotation_postprocessor_func(info: Log::RotationInfo) : bool
	{
	return T;
	}

redef Log::default_rotation_postprocessors += { [Log::WRITER_NONE] = default_rotation_postprocessor_func };
