# The ?: operator, including nesting and only evaluating the chosen branch.
function classify(n: int): string
	{
	return n < 0 ? "negative" : n == 0 ? "zero" : "positive";
	}

function boom(): count
	{
	print "boom evaluated";
	return 0;
	}

event bro_init()
	{
	print classify(-3), classify(0), classify(8);
	local x = T ? 1 : boom();
	print x;
	local y = F ? 1.5 : 2.5;
	print y;
	print |"abc"| > 2 ? "long" : "short";
	}
