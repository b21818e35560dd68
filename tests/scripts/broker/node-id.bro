# The node id has Bro 2.6's form: 40 uppercase hex digits, '#', the pid.
event bro_init()
	{
	local id = Broker::node_id();
	print id == /[0-9A-F]{40}#[0-9]+/;
	print split_string(id, /#/)[1] == cat(getpid());
	print Broker::peers();
	}
