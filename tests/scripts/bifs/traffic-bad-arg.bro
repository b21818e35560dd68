# The traffic builtins are declared with Bro 2.6.4's signatures, so a
# call with an argument of the wrong type is rejected before anything
# runs, as Bro rejects it.

event bro_init()
	{
	print connection_exists(1.2.3.4);
	}
