# The statistics builtins: the traffic counters are zero without
# traffic; events, timers and process figures are live.

event later()
	{
	}

event bro_init()
	{
	schedule 10secs { later() };
	print get_net_stats();
	print get_conn_stats();
	print get_reassembler_stats();
	print get_gap_stats();
	print get_file_analysis_stats();
	print get_dns_stats();
	print get_thread_stats();
	print get_broker_stats();
	print get_timer_stats();
	print get_event_stats();
	print get_reporter_stats();
	local p = get_proc_stats();
	print p$debug, p$start_time <= current_time(), p$real_time >= 0sec, p$user_time >= 0sec, p$mem > 0;
	}
