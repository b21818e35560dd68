# A first Bro script: an event handler, a table, a loop and fmt().

global greetings: table[string] of count = {
	["hello"] = 1,
	["world"] = 2,
};

event bro_init()
	{
	for ( word in greetings )
		print fmt("%s has number %d", word, greetings[word]);
	}
