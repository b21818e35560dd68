# Ports: protocols, comparison, conversion and protocol lookup.
event bro_init()
	{
	local http = 80/tcp;
	local dns = 53/udp;
	local echo = 8/icmp;
	print http, dns, echo;
	print port_to_count(http);
	print get_port_transport_proto(dns);
	print http == 80/tcp, http == 80/udp;
	print 22/tcp < 80/tcp;
	print count_to_port(443, tcp);
	print to_port("8080/tcp");
	print type_name(http);
	}
