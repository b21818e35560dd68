# Built-in function current_analyzer: no analyzer runs outside packet
# analysis.

event bro_init()
	{
	print current_analyzer();
	}
