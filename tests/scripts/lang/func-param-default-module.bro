# A parameter's &default is resolved in the module that declared the
# function, not at the call site.
module Lib;

export {
	const greeting = "hello" &redef;
	global greet: function(who: string, how: string &default = greeting): string;
}

function greet(who: string, how: string): string
	{
	return fmt("%s, %s", how, who);
	}

module GLOBAL;

event bro_init()
	{
	print Lib::greet("world");
	print Lib::greet("world", "bye");
	}
