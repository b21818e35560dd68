# The |x| operator on strings, containers, numbers, addresses and subnets.
event bro_init()
	{
	print |"hello"|, |""|;
	print |vector(1, 2, 3)|, |set("a")|;
	print |table([1] = "x", [2] = "y")|;
	print |-5|, |5|;
	print |-1.5|;
	print |1.2.3.4|, |[::1]|;
	print |10.0.0.0/24|;
	local r: vector of count;
	print |r|;
	}
