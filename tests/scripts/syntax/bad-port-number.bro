# @args: --syntax-check --diagnostics=pretty
global web_ports: set[port] = { 80/tcp, 70000/tcp };

event bro_init()
	{
	print web_ports;
	}
