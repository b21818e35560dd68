# Built-in function join_string_set.

event bro_init()
	{
	print join_string_set(set("one"), ", ");
	print join_string_set(set(), ", ");
	}
