# Built-in function setenv.

event bro_init()
	{
	print setenv("BIFS_TEST_VAR", "v1"), getenv("BIFS_TEST_VAR");
	print setenv("", "x");
	}
