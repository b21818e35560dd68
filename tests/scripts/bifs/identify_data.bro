# Built-in function identify_data: MIME types (the default) and
# descriptions.

event bro_init()
	{
	local v = vector("This is a test", "two\nlines\n", "\x89PNG\x0d\x0a\x1a\x0a\x00", "GIF89a...", "%PDF-1.4", "\x1f\x8b\x08\x00", "<?xml version=\"1.0\"?><a/>", "#!/bin/sh\necho\n", "#!/usr/bin/env python3\n", "\x00\x01\x02\xff", "");
	for ( i in v )
		print identify_data(v[i]), identify_data(v[i], F);
	}
