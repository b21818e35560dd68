# bro_is_terminating, do_profiling, dump_rule_stats, disable_print_hook,
# syslog and calc_next_rotate.

event bro_init()
	{
	local f = open("/dev/null");
	print bro_is_terminating();
	do_profiling();
	print dump_rule_stats(f);
	disable_print_hook(f);
	syslog("bro interpreter golden test");
	local n = calc_next_rotate(1hr);
	print n >= 0sec && n <= 1hr;
	print calc_next_rotate(0sec) <= 1day;
	}

event bro_done()
	{
	print bro_is_terminating();
	}
