# clean, string_cat, string_to_ascii_hex, safe_shell_quote,
# bytestring_to_double, merge_pattern, unescape_URI and file_magic.

event bro_init()
	{
	print clean("tab\there\x00\xff and \\ stays");
	print string_cat(), string_cat("a"), string_cat("a", "", "bc");
	print string_to_ascii_hex(""), string_to_ascii_hex("AZ\x00\xff");
	print safe_shell_quote("plain"), safe_shell_quote("say \"hi\" $HOME `id` \\n");
	print bytestring_to_double("\x40\x09\x21\xfb\x54\x44\x2d\x18");
	print bytestring_to_double("\xc0\x00\x00\x00\x00\x00\x00\x00");
	print bytestring_to_double("short");
	local p = merge_pattern(/foo/, /ba[rz]/);
	print p, "foo" == p, "baz" == p, "qux" == p, "xbarx" in p;
	print unescape_URI("a%20b%2Fc"), unescape_URI("%%41"), unescape_URI("%u0041%u00e9%u20ac");
	print unescape_URI("bad %zz end"), unescape_URI("tail%4"), unescape_URI("tail%");
	}

event bro_done()
	{
	# No file-magic signatures are loaded (as in bare mode): nothing matches.
	local m = file_magic("%PDF-1.4\x0a");
	print |m|, m;
	}
