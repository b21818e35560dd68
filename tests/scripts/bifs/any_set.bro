# Built-in function any_set.

event bro_init()
	{
	print any_set(vector(F, T)), any_set(vector(F)), any_set(vector());
	print any_set(vector(1, 2));
	}
