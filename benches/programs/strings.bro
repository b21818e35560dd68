# Strings: format with fmt(), concatenate, and keep a bounded buffer.
event bro_init()
	{
	local n = 200000;
	local i = 0;
	local total = 0;
	local resets = 0;
	local buf = "";
	while ( i < n )
		{
		local s = fmt("item%d", i) + ":" + fmt("%s-%d", "k", i % 10);
		total += |s|;
		buf = buf + s + ",";
		if ( |buf| > 1000 )
			{
			buf = "";
			resets += 1;
			}
		i += 1;
		}
	print fmt("total = %d resets = %d buflen = %d", total, resets, |buf|);
	}
