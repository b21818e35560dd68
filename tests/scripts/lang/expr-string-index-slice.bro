# Indexing and slicing strings; out-of-range yields the empty string.
event bro_init()
	{
	local s = "abcdef";
	print s[0], s[1], s[5];
	print s[1:3];
	print s[0:0];
	print s[2:];
	print s[:2];
	print s[10];
	print |s[10]|;
	}
