# Without GeoIP support compiled in (as in a Bro 2.6.4 built without
# libmaxminddb) no database opens, lookups find nothing, and the first
# lookup of each kind says why.

event bro_init()
	{
	print mmdb_open_location_db("GeoLite2-City.mmdb");
	print mmdb_open_asn_db("GeoLite2-ASN.mmdb");
	print lookup_location(8.8.8.8);
	print lookup_location([2001:db8::1]);
	print lookup_asn(8.8.8.8);
	print lookup_asn(1.1.1.1);
	}
