# Built-in function rotate_file: the contents move aside, writing goes
# on into a new file of the old name.

event bro_init()
	{
	local f = open("log.txt");
	write_file(f, "before\n");
	local r = rotate_file(f);
	print r$old_name, r$new_name == fmt("log.txt.%s", sub(r$new_name, /^log\.txt\./, ""));
	print /^log\.txt\.[0-9]+\.[0-9]+\.[0-9]+\.tmp$/ in r$new_name;
	write_file(f, "after!\n");
	close(f);
	print file_size(r$new_name), file_size("log.txt");

	# A closed file is not rotated.
	local n = rotate_file(f);
	print n$old_name == "", n$new_name == "", n$open;
	}
