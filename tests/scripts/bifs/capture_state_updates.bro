# Built-in function capture_state_updates: the log file is created.
# @files

event bro_init()
	{
	print capture_state_updates("updates.bst");
	print capture_state_updates("no/such/dir/updates.bst");
	}
