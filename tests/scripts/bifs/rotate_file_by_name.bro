# Built-in function rotate_file_by_name.

event bro_init()
	{
	local f = open("data.txt");
	write_file(f, "12345\n");
	close(f);
	local r = rotate_file_by_name("data.txt");
	print r$old_name, /^data\.txt\.[0-9]+\.[0-9.]+\.tmp$/ in r$new_name;
	print file_size(r$new_name), file_size("data.txt");
	}
