# Builtins of Bro's traffic analysis that need protocol analyzers: each is
# declared with Bro 2.6.4's signature, so this script loads and checks,
# and each call reports that it is not available (the statement is
# skipped and the script goes on).

global cid: conn_id = [$orig_h=10.0.0.1, $orig_p=1234/tcp, $resp_h=10.0.0.2, $resp_p=80/tcp];
global ep: endpoint = [$size=0, $state=0, $flow_label=0];
global c: connection = [$id=cid, $orig=ep, $resp=ep, $start_time=double_to_time(0.0), $duration=0sec, $service=set(), $history="", $uid="C1"];
global f = open("/dev/null");

event bro_init()
	{
	print disable_analyzer(cid, 1);
	print match_signatures(c, 1, "x", T, T, T, T);
	print Analyzer::__enable_analyzer(Analyzer::ANALYZER_NONE);
	print Analyzer::__disable_analyzer(Analyzer::ANALYZER_NONE);
	print Analyzer::__disable_all_analyzers();
	print Analyzer::__register_for_port(Analyzer::ANALYZER_NONE, 80/tcp);
	print Analyzer::__schedule_analyzer(1.2.3.4, 1.2.3.4, 80/tcp, Analyzer::ANALYZER_NONE, 1sec);
	print Analyzer::__name(Analyzer::ANALYZER_NONE);
	print Analyzer::__tag("x");
	print set_current_conn_bytes_threshold(cid, 1, T);
	print set_current_conn_packets_threshold(cid, 1, T);
	print get_current_conn_bytes_threshold(cid, T);
	print get_current_conn_packets_threshold(cid, T);
	print skip_http_entity_data(c, T);
	print get_login_state(cid);
	print set_login_state(cid, 1);
	print skip_smtp_data(c);
	print set_ssl_established(c);
	print "done";
	}
