# Records with &optional and &default fields.
type Conn: record {
	host: addr;
	port_: port &default=80/tcp;
	note: string &optional;
	hits: count &default=0;
};

event bro_init()
	{
	local c = Conn($host=10.0.0.1);
	print c;
	print c?$note, c?$port_;
	c$note = "seen";
	c$hits += 1;
	print c;
	print c$note, c$hits;
	local d: Conn = [$host=10.0.0.2, $port_=443/tcp];
	print d$port_;
	}
