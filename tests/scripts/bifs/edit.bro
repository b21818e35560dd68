# Built-in function edit.

event bro_init()
	{
	print edit("hello there", "e");
	print edit("abc", "");
	}
