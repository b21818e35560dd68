# Built-in function all_set.

event bro_init()
	{
	print all_set(vector(T, T)), all_set(vector(T, F)), all_set(vector());
	print all_set(vector(1, 2));
	}
