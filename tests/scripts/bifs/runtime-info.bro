# current_time, network_time, reading_live_traffic, reading_traces,
# bro_version, is_remote_event, same_object and clear_table (which needs
# a table or set).

event bro_init()
	{
	print current_time() > double_to_time(1500000000.0);
	print network_time() >= double_to_time(0.0);
	print reading_live_traffic(), reading_traces(), is_remote_event();
	print bro_version();
	local t = table([1] = "a", [2] = "b");
	local u = t;
	print same_object(t, u), same_object(t, copy(t));
	clear_table(u);
	print |t|;
	local s = set(1, 2);
	clear_table(s);
	print |s|;
	clear_table(5);
	print "after";
	}
