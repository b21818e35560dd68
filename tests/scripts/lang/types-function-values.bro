# Function values: assignment to variables, passing as arguments, printing.
function double_it(x: count): count
	{
	return x * 2;
	}

function apply(f: function(x: count): count, v: count): count
	{
	return f(v);
	}

global op: function(x: count): count;

event bro_init()
	{
	op = double_it;
	print op(21);
	print apply(double_it, 5);
	}
