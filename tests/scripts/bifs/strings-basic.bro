# String builtins: cat_sep, escape_string, to_string_literal, find_last,
# sub, gsub, is_ascii, join_string_vec, strip, lstrip, rstrip, reverse,
# split_string1, split_string_all, split_string_n, strcmp and strlen.

event bro_init()
	{
	print cat_sep(", ", "<empty>", "a", "", 3, T);
	print escape_string("tab\tback\\slash\x01"), to_string_literal("say \"hi\"\n");
	print find_last("a1b22c333", /[0-9]+/), find_last("abc", /[0-9]+/);
	print sub("aaa", /a/, "b"), gsub("aaa", /a/, "b"), gsub("abc", /x/, "y");
	print is_ascii("plain"), is_ascii("caf\xe9");
	print join_string_vec(vector("a", "b", "c"), "-"), join_string_vec(vector(), "-");
	print strip("  x y \t\n"), lstrip("  x  "), rstrip("  x  ");
	print lstrip("xxaxx", "x"), rstrip("xxaxx", "x");
	print reverse("abc"), reverse("");
	print split_string1("a,b,c", /,/), split_string_all("a,b,c", /,/);
	print split_string_n("a,b,c,d", /,/, F, 2), split_string_n("a,b,c,d", /,/, T, 1);
	print strcmp("a", "b"), strcmp("b", "a"), strcmp("a", "a");
	print strlen(""), strlen("abc\x00d");
	}
