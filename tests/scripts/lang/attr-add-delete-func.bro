# &add_func / &delete_func: `redef x += v` assigns add_func(x, v) and
# `redef x -= v` assigns delete_func(x, v), instead of adding or removing.
function merge_sets(old: set[count], new: set[count]): set[count]
	{
	print "merging", |old|, |new|;
	return old | new;
	}

function drop_all(old: set[count], gone: set[count]): set[count]
	{
	print "dropping", |gone|;
	return set();
	}

global ids: set[count] = { 1 } &redef &add_func = merge_sets &delete_func = drop_all;

redef ids += { 2, 3 };
redef ids -= { 2 };
redef ids += { 7 };

event bro_init()
	{
	print ids;
	}
