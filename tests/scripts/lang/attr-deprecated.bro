# &deprecated: using the identifier warns, once per use, and works.
global old_name = 1 &deprecated;
function old_func(): count &deprecated { return 2; }

event bro_init()
	{
	print old_name;
	print old_func();
	}
