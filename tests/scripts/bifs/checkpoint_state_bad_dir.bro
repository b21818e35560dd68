# checkpoint_state when state_dir cannot be made.
# @files

redef state_dir = "plain/sub";

event bro_init()
	{
	local f = open("plain");
	close(f);
	print checkpoint_state();
	}
