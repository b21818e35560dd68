# Patterns: exact matching with ==, substring search with in, /i, & and |.
event bro_init()
	{
	local p = /foo|bar/;
	print p;
	print p == "foo", p == "foobar";
	print p in "xxbarxx", /baz/ in "xxbarxx";
	local ci = /hello/i;
	print ci == "HeLLo", "say HELLO there" == /hello/i;
	local alt = /abc/ | /def/;
	print alt == "def", alt == "abcdef";
	local cat2 = /abc/ & /def/;
	print cat2 == "abcdef", cat2 == "abc";
	print /^[0-9]+$/ in "12345", /^[0-9]+$/ in "12a45";
	}
