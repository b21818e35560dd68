# A memory master: every mutator and query, Broker's answers to missing
# keys and type clashes, put_unique, and a pair that expires.

redef exit_only_after_terminate = T;

global h: opaque of Broker::Store;
global step = 0;

function show(what: string, r: Broker::QueryResult)
	{
	++step;
	print fmt("%s:", what), r$status, r$result;
	}

function ask(what: string, k: any)
	{
	when ( local r = Broker::get(h, k) )
		{ show(what, r); }
	timeout 1sec
		{ print "timeout", what; }
	}

event later()
	{
	# The pair put with a 1sec expiry is gone by now; the other stays.
	when ( local r = Broker::exists(h, "short") )
		{
		show("short exists later", r);
		when ( local r2 = Broker::exists(h, "long") )
			{
			show("long exists later", r2);
			terminate();
			}
		timeout 1sec
			{ print "timeout"; }
		}
	timeout 1sec
		{ print "timeout"; }
	}

event bro_init()
	{
	h = Broker::create_master("store");
	print Broker::store_name(h), Broker::is_closed(h);
	print Broker::put(h, "n", 10), Broker::put(h, "i", -5), Broker::put(h, "d", 1.5);
	Broker::put(h, "t", double_to_time(100));
	Broker::put(h, "s", "ab");
	Broker::put(h, "v", vector("x"));
	Broker::put(h, "set", set(3, 1));
	Broker::put(h, "tab", table(["k"] = "v"));
	Broker::put(h, "short", T, 1sec);
	Broker::put(h, "long", T, 1hr);

	Broker::increment(h, "n");
	Broker::increment(h, "n", 5);
	Broker::decrement(h, "i", -2);
	Broker::increment(h, "d", 0.25);
	Broker::increment(h, "t", 10sec);
	Broker::append(h, "s", "cd");
	Broker::push(h, "v", "y");
	Broker::push(h, "v", "z");
	Broker::pop(h, "v");
	Broker::insert_into_set(h, "set", 2);
	Broker::remove_from(h, "set", 3);
	Broker::insert_into_table(h, "tab", "k2", "v2");
	Broker::remove_from(h, "tab", "k");

	# No effect: the key is missing, or the kinds do not fit.
	Broker::increment(h, "missing", 1);
	Broker::increment(h, "n", -1);
	Broker::append(h, "n", "x");
	# A set takes the [index, value] pair as one element, as Broker does.
	Broker::insert_into_table(h, "set", "a", "b");

	ask("n", "n");
	ask("i", "i");
	ask("d", "d");
	ask("t", "t");
	ask("s", "s");
	ask("v", "v");
	ask("set", "set");
	ask("tab", "tab");
	ask("missing", "missing");

	when ( local a = Broker::get_index_from_value(h, "v", 1) )
		{ show("v[1]", a); }
	timeout 1sec
		{ print "timeout"; }
	when ( local b = Broker::get_index_from_value(h, "v", 7) )
		{ show("v[7]", b); }
	timeout 1sec
		{ print "timeout"; }
	when ( local c = Broker::get_index_from_value(h, "set", 2) )
		{ show("2 in set", c); }
	timeout 1sec
		{ print "timeout"; }
	when ( local d = Broker::get_index_from_value(h, "tab", "k2") )
		{ show("tab[k2]", d); }
	timeout 1sec
		{ print "timeout"; }
	when ( local e = Broker::get_index_from_value(h, "n", 0) )
		{ show("n[0]", e); }
	timeout 1sec
		{ print "timeout"; }
	when ( local f = Broker::put_unique(h, "n", 1) )
		{ show("put_unique n", f); }
	timeout 1sec
		{ print "timeout"; }
	when ( local g = Broker::put_unique(h, "fresh", 1) )
		{ show("put_unique fresh", g); }
	timeout 1sec
		{ print "timeout"; }
	when ( local k = Broker::keys(h) )
		{
		show("keys", k);
		Broker::erase(h, "fresh");
		Broker::clear(h);
		Broker::put(h, "short", T, 1sec);
		Broker::put(h, "long", T, 1hr);
		when ( local k2 = Broker::keys(h) )
			{ show("keys after clear", k2); }
		timeout 1sec
			{ print "timeout"; }
		}
	timeout 1sec
		{ print "timeout"; }
	schedule 2500msec { later() };
	}
