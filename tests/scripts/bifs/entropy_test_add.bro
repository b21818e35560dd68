# Built-in functions entropy_test_init, entropy_test_add and
# entropy_test_finish: data fed in pieces gives find_entropy's answer
# for the whole.

event bro_init()
	{
	local h = entropy_test_init();
	print entropy_test_add(h, "0011000aaabbbb");
	print entropy_test_add(h, "cccc000011111000000000aaaabbbbcccc0000000");
	print entropy_test_finish(h);
	print find_entropy("0011000aaabbbbcccc000011111000000000aaaabbbbcccc0000000");
	print entropy_test_finish(entropy_test_init());
	}
