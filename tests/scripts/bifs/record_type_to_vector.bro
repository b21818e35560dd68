# Built-in function record_type_to_vector.

type r: record { a: count; b: string; };

event bro_init()
	{
	print record_type_to_vector("r");
	print record_type_to_vector("nosuchtype");
	}
