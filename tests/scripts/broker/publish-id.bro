# Broker::publish_id with no peer sends nothing and succeeds, as Bro's
# does, whatever the name.

global v = "value";

event bro_init()
	{
	print Broker::publish_id("bro/ids", "v");
	print Broker::publish_id("bro/ids", "no_such_id");
	}
