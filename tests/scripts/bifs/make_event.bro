# Broker::make_event turns an event and its arguments into a
# Broker::Event to publish later; a non-event, a wrong number of
# arguments or an argument of the wrong type leaves the name unset.
# Without peers, publishing sends nothing and succeeds even so.

global ping: event(msg: string, n: count);

function not_an_event(msg: string, n: count)
	{
	}

event bro_init()
	{
	local e = Broker::make_event(ping, "hello", 3);
	print e$name, |e$args|;
	print Broker::publish("bro/test/ping", e);
	local bad = Broker::make_event(not_an_event, "hello", 3);
	print bad?$name, |bad$args|;
	bad = Broker::make_event(ping, "hello");
	print bad?$name;
	bad = Broker::make_event(ping, 3, "hello");
	print bad?$name;
	print Broker::publish("bro/test/ping", bad);
	}
