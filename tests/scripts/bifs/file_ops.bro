# Files: open/close/write_file, print to a file, buffering, raw output and
# directory operations (all in the current directory, removed at the end).

event bro_init()
	{
	local f = open("file_ops_a.txt");
	print active_file(f), get_file_name(f);
	print f, "x", 1, T;
	write_file(f, "raw\n");
	close(f);
	print active_file(f), write_file(f, "no"), file_size("file_ops_a.txt");
	# print to a closed file is a no-op
	print f, "lost";

	f = open_for_append("file_ops_a.txt");
	set_buf(f, T);
	write_file(f, "more\n");
	print file_size("file_ops_a.txt");
	print flush_all(), file_size("file_ops_a.txt");
	enable_raw_output(f);
	print f, "a\x00b", 2;
	close(f);
	print file_size("file_ops_a.txt");
	print file_size("file_ops_missing");

	print mkdir("file_ops_d"), mkdir("file_ops_d");
	print rename("file_ops_a.txt", "file_ops_d/b.txt");
	print unlink("file_ops_d/b.txt"), unlink("file_ops_d/b.txt");
	print rmdir("file_ops_d"), rmdir("file_ops_d");
	print rename("file_ops_none", "file_ops_none2");
	}
