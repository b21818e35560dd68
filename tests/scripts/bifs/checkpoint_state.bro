# Built-in function checkpoint_state writes state_dir/state.bst.

event bro_init()
	{
	print checkpoint_state();
	print file_size(".state/state.bst");
	}
