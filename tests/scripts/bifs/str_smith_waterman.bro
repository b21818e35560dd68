# Built-in function str_smith_waterman.

function show(s1: string, s2: string, min: count, mode: count)
	{
	local ss = str_smith_waterman(s1, s2, [$min_strlen=min, $sw_variant=mode]);
	print fmt("%s / %s: %d", s1, s2, |ss|);
	for ( i in ss )
		print ss[i]$str, ss[i]$aligns[1]$index, ss[i]$aligns[2]$index, ss[i]$new;
	}

event bro_init()
	{
	show("hello world", "yellow", 2, 0);
	show("abXYcdXYef", "XYzzXY", 2, 1);
	show("abc", "abc", 5, 0);	# shorter than the minimum
	show("", "abc", 0, 0);
	}
