# Builtins of Bro's traffic analysis that need packet analysis: each is
# declared with Bro 2.6.4's signature, so this script loads and checks,
# and each call reports that it is not available (the statement is
# skipped and the script goes on).

global cid: conn_id = [$orig_h=10.0.0.1, $orig_p=1234/tcp, $resp_h=10.0.0.2, $resp_p=80/tcp];
global ep: endpoint = [$size=0, $state=0, $flow_label=0];
global c: connection = [$id=cid, $orig=ep, $resp=ep, $start_time=double_to_time(0.0), $duration=0sec, $service=set(), $history="", $uid="C1"];
global f = open("/dev/null");
global pkt: pcap_packet = [$ts_sec=0, $ts_usec=0, $caplen=0, $len=0, $data="", $link_type=LINK_UNKNOWN];

event bro_init()
	{
	print is_external_connection(c);
	print decode_base64_conn(cid, "x");
	print get_conn_transport_proto(cid);
	print connection_exists(cid);
	print lookup_connection(cid);
	print dump_current_packet("x");
	print get_current_packet();
	print get_current_packet_header();
	print dump_packet(pkt, "x");
	print skip_further_processing(cid);
	print set_record_packets(cid, T);
	print set_inactivity_timeout(cid, 1sec);
	print install_src_addr_filter(1.2.3.4, 1, 0.5);
	print install_src_net_filter(1.2.3.0/24, 1, 0.5);
	print uninstall_src_addr_filter(1.2.3.4);
	print uninstall_src_net_filter(1.2.3.0/24);
	print install_dst_addr_filter(1.2.3.4, 1, 0.5);
	print install_dst_net_filter(1.2.3.0/24, 1, 0.5);
	print uninstall_dst_addr_filter(1.2.3.4);
	print uninstall_dst_net_filter(1.2.3.0/24);
	print Reporter::conn_weird("x", c);
	print Pcap::precompile_pcap_filter(None, "x");
	print Pcap::install_pcap_filter(None);
	print Pcap::error();
	print get_orig_seq(cid);
	print get_resp_seq(cid);
	print set_contents_file(cid, 1, f);
	print get_contents_file(cid, 1);
	print "done";
	}
