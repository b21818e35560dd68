# Reporter::net_weird and Reporter::flow_weird raise the weird events
# subject to sampling: the first `threshold` weirds of a name pass, then
# one in `rate`; whitelisted names always pass. The settings have getters
# and setters, and get_reporter_stats counts every weird.

global seen: table[string] of count &default=0;

event net_weird(name: string)
	{
	++seen[name];
	}

event flow_weird(name: string, src: addr, dst: addr)
	{
	++seen[fmt("%s %s %s", name, src, dst)];
	}

event bro_init()
	{
	print Reporter::get_weird_sampling_threshold(), Reporter::get_weird_sampling_rate();
	print Reporter::get_weird_sampling_duration(), Reporter::get_weird_sampling_whitelist();
	print Reporter::set_weird_sampling_threshold(3), Reporter::set_weird_sampling_rate(4);
	print Reporter::set_weird_sampling_duration(1hr);
	print Reporter::set_weird_sampling_whitelist(set("always"));
	print Reporter::get_weird_sampling_threshold(), Reporter::get_weird_sampling_rate();
	print Reporter::get_weird_sampling_duration(), Reporter::get_weird_sampling_whitelist();
	local i = 0;
	while ( i < 12 )
		{
		Reporter::net_weird("sampled");
		Reporter::net_weird("always");
		Reporter::flow_weird("flow", 10.0.0.1, 10.0.0.2);
		++i;
		}
	Reporter::flow_weird("flow", 10.0.0.1, 10.0.0.3);
	print Reporter::set_weird_sampling_rate(0);
	}

event bro_done()
	{
	for ( k in seen )
		print k, seen[k];
	print get_reporter_stats()$weirds;
	}
