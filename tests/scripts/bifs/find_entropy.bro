# Built-in function find_entropy.

event bro_init()
	{
	print find_entropy("0011000aaabbbbcccc000011111000000000aaaabbbbcccc0000000");
	print find_entropy("aaaa");
	}
