# file values: open, write with print and write_file, inspect, close.
event bro_init()
	{
	local f: file = open("types-file.tmp");
	print f, "first line";
	write_file(f, "second line\n");
	print get_file_name(f), active_file(f);
	close(f);
	print active_file(f);
	local g = open_for_append("types-file.tmp");
	print g, "appended";
	close(g);
	print file_size("types-file.tmp");
	print unlink("types-file.tmp");
	}
