# Signed integers: unary minus/plus, negative division and modulo.
event bro_init()
	{
	local i: int = -7;
	local j = +5;
	print i, j;
	print type_name(i), type_name(j);
	print i / 2, i % 3;
	print 5 % -3;
	print -10 * 10;
	print |i|, type_name(|i|);
	print -9223372036854775807 - 1;
	print to_int("-12");
	}
