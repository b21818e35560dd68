# With max_files_in_cache set, the least recently opened file gives up
# its handle when another is opened; writing to it opens it again for
# appending. file_opened runs at every opening, before the write.
redef max_files_in_cache = 1;

event file_opened(f: file)
	{
	print fmt("opened %s", get_file_name(f));
	}

event bro_init()
	{
	local a = open("cache-a.txt");
	local b = open("cache-b.txt");
	print a, "first to a";
	print b, "first to b";
	write_file(a, "second to a\n");
	close(a);
	close(b);
	print file_size("cache-a.txt"), file_size("cache-b.txt");
	unlink("cache-a.txt");
	unlink("cache-b.txt");
	}
