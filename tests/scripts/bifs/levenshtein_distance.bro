# Built-in function levenshtein_distance.

event bro_init()
	{
	print levenshtein_distance("kitten", "sitting");
	print levenshtein_distance("", "abc");
	print levenshtein_distance("same", "same");
	}
